/**
 * deno task bench:profile: where the server's time goes under load. Starts
 * main.ts with --inspect, records a V8 CPU profile over the DevTools protocol
 * while wrk replays one POST, and prints the functions with the most self time.
 *
 * deno task bench:profile [--body json|bytes] [--seconds 5] [--batching off]
 * [--variant hello+model]      (a server of scripts/bench/variants.ts)
 * [--out profile.cpuprofile]   (open it in Chrome DevTools › Performance)
 *
 * @module
 */

import { toJsonNumbers } from "../../lib/infer/mod.ts";
import { parseArgs } from "node:util";
import { testImages } from "../../lib/mnist/mod.ts";
import { row, unitFromBytes } from "../../lib/tensor.ts";
import {
  freePort,
  type Post,
  runWrk,
  startServer,
  waitFor200,
} from "./tools.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A minimal DevTools protocol client: send a method, await its result. */
async function devtools(port: number) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`))
    .json();
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  };
  return {
    send(method: string, params: unknown = {}): Promise<unknown> {
      const id = next++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    close: () => socket.close(),
  };
}

/** Which part of the stack a function belongs to, by its file. */
const BUCKETS: [string, RegExp][] = [
  ["onnxruntime-web (wasm and glue)", /^wasm|ort[.-]|onnxruntime/],
  ["zod validation", /zod/],
  ["hono and zod-openapi", /hono/],
  ["our code (lib/, routes/)", /\/(lib|routes)\//],
  ["Deno runtime (HTTP, streams, timers, console)", /^ext:|^node:|^op_|deno/],
  ["garbage collector", /^\(garbage collector\)/],
  ["idle", /^\(idle\)/],
];

/** Self time by bucket of {@linkcode BUCKETS}, in ms. */
function bucketTimes(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id)!.callFrame;
    const key = url || functionName;
    const bucket = BUCKETS.find(([, pattern]) => pattern.test(key))?.[0] ??
      "other (program, anonymous natives)";
    totals.set(
      bucket,
      (totals.get(bucket) ?? 0) + profile.timeDeltas[i] / 1000,
    );
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Self time by function, in ms, largest first. */
function selfTimes(profile: Profile): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const file = url.replace(/^.*\/(node_modules\/\.deno\/)?/, "");
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      body: { type: "string", default: "json" },
      seconds: { type: "string", default: "5" },
      batching: { type: "string", default: "on" },
      variant: { type: "string" },
      out: { type: "string" },
      top: { type: "string", default: "30" },
    },
  });
  const { images } = await testImages();
  const bytes = row(images, 0).slice();
  const post: Post = values.body === "bytes"
    ? {
      path: "/api/predict",
      contentType: "application/octet-stream",
      body: bytes,
    }
    : {
      path: "/api/predict",
      contentType: "application/json",
      body: new TextEncoder().encode(JSON.stringify({
        pixels: toJsonNumbers(unitFromBytes(bytes)),
      })),
    };
  const inspect = freePort();
  const server = await startServer({
    waitFor: null,
    script: values.variant ? "scripts/bench/variants.ts" : "main.ts",
    env: {
      RATE_LIMIT_PER_MINUTE: "0", // wrk is one client
      ...values.batching === "off" ? { BATCH_WINDOW_MS: "-1" } : {},
      ...values.variant ? { VARIANT: values.variant } : {},
    },
    flags: [`--inspect=127.0.0.1:${inspect}`],
  });
  try {
    await waitFor200(server.url, post);
    await runWrk({ url: server.url, post, connections: 32, duration: 2 });
    const client = await devtools(inspect);
    await client.send("Profiler.enable");
    await client.send("Profiler.setSamplingInterval", { interval: 100 });
    await client.send("Profiler.start");
    const load = await runWrk({
      url: server.url,
      post,
      connections: 32,
      duration: Number(values.seconds),
    });
    const { profile } = await client.send("Profiler.stop") as {
      profile: Profile;
    };
    client.close();
    if (values.out) {
      await Deno.writeTextFile(values.out, JSON.stringify(profile));
    }
    const times = selfTimes(profile);
    const total = times.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(
      `${
        values.variant ?? "main.ts"
      }, ${values.body}, batching ${values.batching}: ${
        load.requestsPerSecond.toFixed(0)
      } requests/s under the profiler, ${total.toFixed(0)} ms sampled`,
    );
    console.log("| share % | ms | part |");
    console.log("| ---: | ---: | --- |");
    for (const [name, ms] of bucketTimes(profile)) {
      console.log(
        `| ${(100 * ms / total).toFixed(1)} | ${ms.toFixed(0)} | ${name} |`,
      );
    }
    console.log();
    console.log("| self % | self ms | function |");
    console.log("| ---: | ---: | --- |");
    for (const [name, ms] of times.slice(0, Number(values.top))) {
      console.log(
        `| ${(100 * ms / total).toFixed(1)} | ${ms.toFixed(0)} | ${name} |`,
      );
    }
  } finally {
    await server.stop();
  }
}
