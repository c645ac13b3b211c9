/**
 * What the edge's counting (metrics and statistics) costs single-image JSON
 * throughput, side by side in one process: the production app and the same
 * app with `observe: false` share one model registry and answer the same
 * body, `--concurrency` requests in flight, in alternating blocks of
 * `--block` requests (the order flipped each round, so drift and warm-up fall
 * on both alike). Prints each one's requests/s and CPU time per request
 * (`process.cpuUsage`, every thread), per round and as medians, and the ratio.
 * No sockets: the load generator's own noise stays out.
 *
 * Usage: `deno task bench:counting [--rounds 20] [--block 2000] [--concurrency 32]`
 *
 * @module
 */

import { parseArgs } from "node:util";
import process from "node:process";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { createApp } from "../../routes/app.ts";
import { median, postRequest, requestBodies } from "./tools.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    block: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "32" },
  },
});
const rounds = Number(values.rounds);
const block = Number(values.block);
const concurrency = Number(values.concurrency);

const models = new ModelRegistry(["mlp"]);
await models.get("mlp");
// the request log as in production, printed nowhere
console.log = () => {};
const apps = {
  counted: createApp({ models, log: true, console: true }),
  uncounted: createApp({ models, log: true, console: true, observe: false }),
};
type Name = keyof typeof apps;
const { json } = await requestBodies();
const info = { remoteAddr: { hostname: "127.0.0.1" } };

/** `block` requests, `concurrency` at a time: requests/s and CPU µs per request. */
async function run(name: Name): Promise<{ rps: number; cpu: number }> {
  const app = apps[name];
  let left = block;
  const lane = async () => {
    while (left-- > 0) {
      const response = await app.fetch(postRequest(json), info);
      if (response.status !== 200) throw new Error(await response.text());
      await response.arrayBuffer();
    }
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { rps: block / seconds, cpu: (used.user + used.system) / block };
}

await run("counted");
await run("uncounted");
const seen: Record<Name, { rps: number[]; cpu: number[] }> = {
  counted: { rps: [], cpu: [] },
  uncounted: { rps: [], cpu: [] },
};
const ratios: number[] = [];
for (let r = 0; r < rounds; r++) {
  const order: Name[] = r % 2 ? ["uncounted", "counted"] : [
    "counted",
    "uncounted",
  ];
  const got = {} as Record<Name, { rps: number; cpu: number }>;
  for (const name of order) got[name] = await run(name);
  for (const name of order) {
    seen[name].rps.push(got[name].rps);
    seen[name].cpu.push(got[name].cpu);
  }
  ratios.push(got.counted.rps / got.uncounted.rps);
  console.error(
    `round ${r + 1}/${rounds}: counted ${got.counted.rps.toFixed(0)} req/s, ` +
      `uncounted ${got.uncounted.rps.toFixed(0)} req/s`,
  );
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.error("| app | requests/s (median) | CPU µs per request (median) |");
console.error("| --- | ---: | ---: |");
for (const name of ["counted", "uncounted"] as const) {
  console.error(
    `| ${name} | ${median(seen[name].rps).toFixed(0)} | ${
      median(seen[name].cpu).toFixed(1)
    } |`,
  );
}
const sorted = [...ratios].sort((a, b) => a - b);
console.error(
  `counted / uncounted throughput, per round: median ${pct(median(ratios))} (${
    pct(sorted[0])
  }–${pct(sorted.at(-1)!)}); CPU per request ${
    pct(median(seen.counted.cpu) / median(seen.uncounted.cpu))
  }`,
);
await models.close();
Deno.exit(0);
