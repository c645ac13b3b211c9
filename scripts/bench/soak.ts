/**
 * deno task soak [--seconds 60] [--workers 32]: starts the real server on a
 * free local port, sends it mixed valid and invalid requests from concurrent
 * workers — with the hostile mix (bombs, trickling bodies, big images, maximal
 * batches) unless --no-hostile — and fails if any answer is a 5xx without
 * Retry-After, a request fails, the server dies, /api/health waits over
 * --max-health-ms (200) or the resident memory passes --max-rss-mb (450).
 * `--only png,jpeg` keeps the kinds of request whose names hold those words.
 * The server's V8 heap is sized as on a 512 MB instance (Deno Deploy's
 * memory; see `INSTANCE_512_MB_FLAGS`) unless `--machine-heap`. `--root DIR`
 * runs the server of another checkout (an older commit, for a before/after).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { INSTANCE_512_MB_FLAGS, startServer } from "./server_process.ts";
import { jobsOver } from "./soak_jobs.ts";
import { newTally, report, type Tally, worker } from "./soak_tally.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    seconds: { type: "string", default: "60" },
    workers: { type: "string", default: "32" },
    hostile: { type: "boolean", default: true },
    "no-hostile": { type: "boolean", default: false },
    "max-health-ms": { type: "string", default: "200" },
    "max-rss-mb": { type: "string", default: "450" },
    only: { type: "string" },
    "machine-heap": { type: "boolean", default: false },
    root: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const WORKERS = Number(args.workers);
/** Whether the mix holds bombs, trickling bodies, big images and maximal batches. */
const HOSTILE = args.hostile && !args["no-hostile"];
const MAX_HEALTH_MS = Number(args["max-health-ms"]);
const MAX_RSS_MB = Number(args["max-rss-mb"]);
/** Only the kinds of request whose names contain one of these (comma-separated). */
const ONLY = args.only?.split(",").map((name) => name.trim()).filter(Boolean);
if (!(SECONDS > 0) || !(WORKERS >= 1)) {
  console.error("Usage: deno task soak [--seconds 60] [--workers 32]");
  Deno.exit(2);
}
// ---- the server ----

// no rate limit: every worker here is one client at one address
// V8's heap as on a 512 MB instance, unless --machine-heap (as this machine
// would size it)
const server = await startServer({
  flags: args["machine-heap"] ? [] : INSTANCE_512_MB_FLAGS,
  waitFor: "/v2/health/ready",
  env: { RATE_LIMIT_PER_MINUTE: "0" },
  root: args.root,
});
const base = server.url;

/** Test images from the server itself, as 784 values in [0, 1]. */
async function samplePixels(count: number): Promise<number[][]> {
  return await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${base}/api/mnist/${i * 97}`);
      return (await response.json()).pixels as number[];
    }),
  );
}

/** The server's resident memory, sampled every 250 ms: the peak, and a reading every 10 s. */
function sampleMemory(start: number) {
  const memory = { peak: start, timeline: [] as number[], stop: () => {} };
  let ticks = 0;
  const sampler = setInterval(async () => {
    if (!server.running()) return;
    const rss = await server.rssMiB().catch(() => memory.peak);
    memory.peak = Math.max(memory.peak, rss);
    // a leak climbs steadily, a warm heap levels off
    if (++ticks % 40 === 0) memory.timeline.push(Math.round(rss));
  }, 250);
  memory.stop = () => clearInterval(sampler);
  return memory;
}

/**
 * A prober in a process of its own: how long the server makes a cheap
 * request wait while the mix runs (a stalled event loop shows here).
 */
async function probeHealth(): Promise<number[]> {
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      new URL("./health_probe.ts", import.meta.url).pathname,
      base,
      String(SECONDS),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return JSON.parse(new TextDecoder().decode(stdout));
}

async function main(): Promise<number> {
  const images = await samplePixels(20);
  const next = await jobsOver(images, { hostile: HOSTILE, only: ONLY });
  const rssBefore = await server.rssMiB();
  const memory = sampleMemory(rssBefore);
  const probed = probeHealth();
  const tally: Tally = newTally();
  console.log(
    `Soak: ${WORKERS} workers for ${SECONDS} s against ${base} (server pid ${server.pid})`,
  );
  const start = performance.now();
  const until = Date.now() + SECONDS * 1000;
  const running = () => server.running();
  await Promise.all(
    Array.from(
      { length: WORKERS },
      () => worker({ base, next, until, running }, tally),
    ),
  );
  const elapsed = (performance.now() - start) / 1000;
  memory.stop();
  const health = await probed;
  const died = !server.running();
  const ok = report(tally, {
    elapsed,
    heap: args["machine-heap"]
      ? "as this machine sizes it"
      : "as on a 512 MB instance",
    health,
    rssBefore,
    rssPeak: memory.peak,
    rssAfter: died ? NaN : await server.rssMiB(),
    timeline: memory.timeline,
    died,
    serverLog: () => server.log(),
    maxHealthMs: MAX_HEALTH_MS,
    maxRssMb: MAX_RSS_MB,
  });
  return ok ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} finally {
  await server.stop();
}
Deno.exit(code);
