/**
 * A slow network link between the browser and the server, for the page
 * benchmark: a TCP proxy on a free localhost port that delays every chunk by
 * half the round trip each way, shares one bandwidth per direction among all
 * connections (as one phone's radio does), and counts the bytes it carried.
 * Unlike CDP's per-page emulation it also slows the service worker's requests.
 *
 * @module
 */

import { freePort } from "./tools.ts";

/** How slow the link is. */
export interface LinkOptions {
  /** Round-trip time in milliseconds (half of it each way). */
  rttMs: number;
  /** Bytes per second towards the browser. */
  downBytesPerSecond: number;
  /** Bytes per second towards the server. */
  upBytesPerSecond: number;
}

/** Chrome DevTools' "Slow 3G": 2 s round trip, 500 kbit/s × 0.8 each way. */
export const SLOW_3G: LinkOptions = {
  rttMs: 2000,
  downBytesPerSecond: 50_000,
  upBytesPerSecond: 50_000,
};

/**
 * Chrome DevTools' "Fast 4G": 165 ms round trip (60 ms × 2.75), 9 Mbit/s down
 * and 1.5 Mbit/s up, each × 0.9.
 */
export const FAST_4G: LinkOptions = {
  rttMs: 165,
  downBytesPerSecond: 9_000_000 / 8 * 0.9,
  upBytesPerSecond: 1_500_000 / 8 * 0.9,
};

/** A running link: its origin, and the bytes it carried since the last take. */
export interface SlowLink {
  origin: string;
  /** Bytes carried each way (headers included) since the last call, then resets. */
  take(): { down: number; up: number; connections: number };
  /** Stops the link slowing anything down (bytes are still counted). */
  unthrottle(): void;
  close(): void;
}

/** One direction of the link: its bandwidth shared by every connection. */
function direction(bytesPerSecond: () => number, delayMs: () => number) {
  let free = 0;
  return {
    bytes: 0,
    /** When a chunk of `n` bytes sent now arrives at the other end. */
    arrival(n: number): number {
      const now = performance.now();
      const start = Math.max(now, free);
      const rate = bytesPerSecond();
      free = rate === Infinity ? start : start + n / rate * 1000;
      return free + delayMs();
    },
  };
}

async function pipe(
  from: Deno.Conn,
  to: Deno.Conn,
  way: ReturnType<typeof direction>,
) {
  let last = Promise.resolve();
  try {
    for await (const chunk of from.readable) {
      way.bytes += chunk.length;
      const wait = way.arrival(chunk.length) - performance.now();
      const previous = last;
      // keep the order of the chunks on this connection
      last = (async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
        await previous;
        const writer = to.writable.getWriter();
        try {
          await writer.write(chunk);
        } finally {
          writer.releaseLock();
        }
      })();
      last.catch(() => {});
    }
  } catch { /* the other side went away */ }
  await last.catch(() => {});
  await to.closeWrite().catch(() => {/* already closed */});
}

/** Starts a slow link to `target` (e.g. `http://127.0.0.1:8000`). */
export function startSlowLink(target: string, options: LinkOptions): SlowLink {
  const { hostname, port } = new URL(target);
  let slow = true;
  const delay = () => slow ? options.rttMs / 2 : 0;
  const down = direction(
    () => slow ? options.downBytesPerSecond : Infinity,
    delay,
  );
  const up = direction(
    () => slow ? options.upBytesPerSecond : Infinity,
    delay,
  );
  let connections = 0;
  const listenPort = freePort();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: listenPort });
  (async () => {
    for await (const client of listener) {
      connections++;
      Deno.connect({ hostname, port: Number(port) }).then((server) => {
        Promise.all([pipe(client, server, up), pipe(server, client, down)])
          .finally(() => {
            for (const conn of [client, server]) {
              try {
                conn.close();
              } catch { /* closed */ }
            }
          });
      }, () => client.close());
    }
  })().catch(() => {});
  return {
    origin: `http://127.0.0.1:${listenPort}`,
    take() {
      const taken = { down: down.bytes, up: up.bytes, connections };
      down.bytes = up.bytes = connections = 0;
      return taken;
    },
    unthrottle: () => void (slow = false),
    close: () => listener.close(),
  };
}
