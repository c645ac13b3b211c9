/**
 * deno task bench:images [--rounds 3] [--url http://127.0.0.1:8000 --pid N]:
 * sends the server hostile and heavy images (a PNG whose iCCP profile is a
 * 1 GiB zip bomb, PNGs cut into hundreds of thousands of one-byte IDAT chunks,
 * a 16-bit 4000×4000 PNG, a progressive 4000×4000 JPEG, six heavy PNGs at
 * once; JSON nested 8 million deep, JSON of 5 million empty arrays, beside
 * a 1000-image batch) and measures, for each: the answers and their wall time, the worst
 * latency of GET /api/health polled meanwhile (does the event loop stall?),
 * and the server's resident memory. Phone photos too (12 MP baseline and
 * progressive JPEGs, an 8 MP PNG of a digit), a form of 200,000 empty
 * fields and 16 MiB of zeros as JSON. Starts its own server (deno run
 * -P=serve main.ts, as deno task start does; --deno PATH for another Deno,
 * --root DIR for another checkout, an older commit say,
 * --instance-heap for V8's heap as on a 512 MB instance) unless --url and
 * --pid name a running one; --only WORDS keeps the cases whose labels hold
 * one of them (comma-separated).
 * Loopback only; every case is bounded by a request time-out.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { iccpChunk, rebuildPng, zlibBomb } from "../../tests/_images.ts";
import {
  drawing,
  heavyPng,
  oneByteChunks,
  progressiveJpeg,
} from "./hostile.ts";
import { rssMiB, startServer, waitFor200 } from "./tools.ts";
import { INSTANCE_512_MB_FLAGS } from "./server_process.ts";
import {
  baselineJpeg,
  digitPhoto,
  mozJpeg,
  rgbPng,
} from "../../tests/_photos.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    rounds: { type: "string", default: "3" },
    url: { type: "string" },
    pid: { type: "string" },
    only: { type: "string" },
    deno: { type: "string" },
    root: { type: "string" },
    "instance-heap": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
/** No answer after this long counts as a failure (the server's own limit is 10 s). */
const REQUEST_TIMEOUT_MS = 60_000;

/** One hostile case: bodies sent at once, all of one content type. */
interface Attack {
  label: string;
  contentType: string;
  bodies: Uint8Array<ArrayBuffer>[];
}

/** What one round of a case measured. */
interface Round {
  statuses: number[];
  /** Milliseconds until the last answer. */
  wall: number;
  /** Health checks answered while the bodies were in flight, and the slowest. */
  healthAnswers: number;
  worstHealth: number;
  rssBefore: number;
  rssPeak: number;
}

async function attacks(): Promise<Attack[]> {
  const png = "image/png";
  const heavy = heavyPng();
  const jpeg = await progressiveJpeg();
  const list: Attack[] = [
    {
      label: "a 280×280 drawing (reference)",
      contentType: png,
      bodies: [drawing()],
    },
    {
      label: "iCCP profile inflating to 1 GiB",
      contentType: png,
      bodies: [rebuildPng(drawing(), { extra: [iccpChunk(zlibBomb(1024))] })],
    },
    {
      label: "one-byte IDAT chunks, 10.4 MB",
      contentType: png,
      bodies: [oneByteChunks(796_000)],
    },
    {
      label: "one-byte IDAT chunks, 3.2 MB",
      contentType: png,
      bodies: [oneByteChunks(245_000)],
    },
    { label: "16-bit 4000×4000 PNG", contentType: png, bodies: [heavy] },
    {
      label: "six 16-bit 4000×4000 PNGs at once",
      contentType: png,
      bodies: Array(6).fill(heavy),
    },
  ];
  // JSON bodies within the 16 MiB limit, built to parse slowly
  const json = "application/json";
  const text = (body: string) => new TextEncoder().encode(body);
  const pixels = Array.from({ length: 784 }, (_, i) => ((i * 37) % 256) / 255);
  list.push(
    {
      label: "a 1000-image JSON batch, doubles (reference)",
      contentType: json,
      bodies: [text(JSON.stringify({ batch: Array(1000).fill(pixels) }))],
    },
    {
      label: "JSON nested 8 million deep",
      contentType: json,
      bodies: [text("[".repeat(8_000_000) + "]".repeat(8_000_000))],
    },
    {
      label: "JSON of 5 million empty arrays",
      contentType: json,
      bodies: [text(`{"batch": [${"[],".repeat(5_000_000)}[]]}`)],
    },
  );
  if (jpeg) {
    list.push({
      label: "progressive 4000×4000 JPEG",
      contentType: "image/jpeg",
      bodies: [jpeg],
    });
  } else {console.error(
      "cjpeg not found (apt-get install libjpeg-turbo-progs): no progressive JPEG case",
    );}
  return list;
}

/**
 * Phone photos of a digit, and bodies made to keep a parser busy: those
 * `wanted` (by label) only, as the photos take a while to encode.
 */
async function phoneAndParserAttacks(
  wanted: (label: string) => boolean,
): Promise<Attack[]> {
  const field = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n';
  const text = (body: string) => new TextEncoder().encode(body);
  const twelve = () => digitPhoto(0, 4032, 3024);
  const made: [string, string, () => Promise<Uint8Array<ArrayBuffer>>][] = [
    [
      "12 MP baseline JPEG photo (jpeg-js)",
      "image/jpeg",
      async () => baselineJpeg(await twelve()),
    ],
    [
      "12 MP progressive JPEG photo (MozJPEG, 4:2:0)",
      "image/jpeg",
      async () => await mozJpeg(await twelve()),
    ],
    [
      "8 MP PNG photo (RGB)",
      "image/png",
      async () => rgbPng(await digitPhoto(0, 3264, 2448)),
    ],
    [
      "a form of 200,000 empty fields",
      "multipart/form-data; boundary=x",
      () => Promise.resolve(text(field.repeat(200_000) + "--x--\r\n")),
    ],
    [
      "16 MiB of zeros as JSON",
      "application/json",
      () =>
        Promise.resolve(
          text(`{"pixels":[${"0,".repeat((16 * 2 ** 20 - 14) / 2)}0]}`),
        ),
    ],
  ];
  const attacks: Attack[] = [];
  for (const [label, contentType, make] of made) {
    if (wanted(label)) {
      attacks.push({ label, contentType, bodies: [await make()] });
    }
  }
  return attacks;
}

async function post(
  url: string,
  attack: Attack,
  body: Uint8Array<ArrayBuffer>,
): Promise<number> {
  const response = await fetch(`${url}/api/predict`, {
    method: "POST",
    headers: { "content-type": attack.contentType },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  return response.status;
}

async function round(url: string, pid: number, attack: Attack): Promise<Round> {
  const rssBefore = await rssMiB(pid);
  let rssPeak = rssBefore;
  let done = false;
  const health: number[] = [];
  const start = performance.now();
  const sending = Promise.all(
    attack.bodies.map((body) => post(url, attack, body)),
  )
    .finally(() => done = true);
  const probing = (async () => {
    while (!done) {
      const t = performance.now();
      const response = await fetch(`${url}/api/health`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      health.push(performance.now() - t); // sent in flight, whenever it ended
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const sampling = (async () => {
    while (!done) {
      rssPeak = Math.max(rssPeak, await rssMiB(pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const statuses = await sending;
  const wall = performance.now() - start;
  await Promise.all([probing, sampling]);
  rssPeak = Math.max(rssPeak, await rssMiB(pid));
  return {
    statuses,
    wall,
    healthAnswers: health.length,
    worstHealth: Math.max(...health),
    rssBefore,
    rssPeak,
  };
}

function span(values: number[], digits = 0): string {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const f = (v: number) => v.toFixed(digits);
  return low === high ? f(low) : `${f(low)}–${f(high)}`;
}

if (import.meta.main) {
  if (!(ROUNDS >= 1) || (args.url === undefined) !== (args.pid === undefined)) {
    console.error(
      "Usage: deno task bench:images [--rounds 3] [--url http://127.0.0.1:8000 --pid N]",
    );
    Deno.exit(2);
  }
  const server = args.url ? undefined : await startServer({
    script: "main.ts",
    waitFor: null,
    deno: args.deno,
    root: args.root,
    flags: args["instance-heap"] ? INSTANCE_512_MB_FLAGS : [],
  });
  const url = args.url ?? server!.url;
  const pid = Number(args.pid ?? server!.pid);
  try {
    await waitFor200(`${url}/api/health`, undefined);
    const only = args.only?.split(",").map((word) => word.trim());
    const wanted = (label: string) =>
      !only || only.some((word) => label.includes(word));
    const all = [...await attacks(), ...await phoneAndParserAttacks(wanted)];
    // the first (a drawing) warms the server up, and is kept
    const cases = all.filter((attack, i) => i === 0 || wanted(attack.label));
    await post(url, cases[0], cases[0].bodies[0]); // models loaded, workers started
    console.log(
      `| case | body | answers | wall (s) | health answers | worst health (ms) | RSS before → peak (MiB) |`,
    );
    console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
    for (const attack of cases) {
      const rounds: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        rounds.push(await round(url, pid, attack));
      }
      const size = attack.bodies[0].length;
      console.log(
        `| ${attack.label} | ${(size / 1e6).toFixed(2)} MB${
          attack.bodies.length > 1 ? ` ×${attack.bodies.length}` : ""
        } | ${[...new Set(rounds.flatMap((r) => r.statuses))].join(", ")} | ${
          span(rounds.map((r) => r.wall / 1000), 2)
        } | ${span(rounds.map((r) => r.healthAnswers))} | ${
          span(rounds.map((r) => r.worstHealth))
        } | ${span(rounds.map((r) => r.rssBefore))} → ${
          span(rounds.map((r) => r.rssPeak))
        } |`,
      );
    }
  } finally {
    await server?.stop();
  }
}
