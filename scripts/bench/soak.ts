/**
 * deno task soak [--seconds 60] [--workers 32]: starts the real server on a
 * free local port, sends it mixed valid and invalid requests from concurrent
 * workers — with the hostile mix (bombs, trickling bodies, big images, maximal
 * batches) unless --no-hostile — and fails if any answer is a 5xx without
 * Retry-After, a request fails, the server dies, /api/health waits over
 * --max-health-ms (200) or the resident memory passes --max-rss-mb (450).
 * `--only png,jpeg` keeps the kinds of request whose names hold those words.
 * The server's V8 heap is sized as on a 512 MB instance (Deno Deploy's
 * memory; see `INSTANCE_512_MB_FLAGS`) unless `--machine-heap`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { iccpChunk, rebuildPng, zlibBomb } from "../../tests/_images.ts";
import {
  drawing,
  gzipBomb,
  heavyPng,
  oneByteChunks,
  progressiveJpeg,
  tricklingBody,
} from "./hostile.ts";
import { INSTANCE_512_MB_FLAGS, startServer } from "./server_process.ts";

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
/** A request with no answer after this long counts as failed. */
const REQUEST_TIMEOUT_MS = 30_000;

// ---- the server ----

// no rate limit: every worker here is one client at one address
// V8's heap as on a 512 MB instance, unless --machine-heap (as this machine
// would size it)
const server = await startServer({
  flags: args["machine-heap"] ? [] : INSTANCE_512_MB_FLAGS,
  waitFor: "/v2/health/ready",
  env: { RATE_LIMIT_PER_MINUTE: "0" },
});
const base = server.url;

// ---- the requests ----

interface Job {
  kind: string;
  path: string;
  init?: RequestInit;
}

const json = (kind: string, path: string, body: unknown): Job => ({
  kind,
  path,
  init: {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  },
});
const raw = (
  kind: string,
  path: string,
  type: string | undefined,
  body: BodyInit,
): Job => ({
  kind,
  path,
  init: {
    method: "POST",
    headers: type ? { "content-type": type } : {},
    body,
  },
});
const pick = <T>(items: T[]): T =>
  items[Math.floor(Math.random() * items.length)];

/** Test images from the server itself, as 784 values in [0, 1]. */
async function samplePixels(count: number): Promise<number[][]> {
  return await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${base}/api/mnist/${i * 97}`);
      return (await response.json()).pixels as number[];
    }),
  );
}

/** A digit drawn black on white at `size`×`size`, as a photo or canvas gives it. */
function paperImage(pixels: number[], size: number): Uint8Array {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = pixels[
        Math.floor((y * 28) / size) * 28 +
        Math.floor((x * 28) / size)
      ];
      const grey = 255 - Math.round(p * 255);
      data.set([grey, grey, grey, 255], (y * size + x) * 4);
    }
  }
  return data;
}

async function jobsOver(images: number[][]) {
  const pngs = images.map((pixels) => {
    const size = 28 * (1 + Math.floor(Math.random() * 8));
    return new Uint8Array(encodePng({
      width: size,
      height: size,
      data: paperImage(pixels, size),
      channels: 4,
      depth: 8,
    }));
  });
  const jpegs = images.map((pixels) =>
    new Uint8Array(
      encodeJpeg({ width: 112, height: 112, data: paperImage(pixels, 112) }, 85)
        .data,
    )
  );
  const bytes = (n: number) =>
    Uint8Array.from(
      { length: n * 784 },
      (_, i) =>
        Math.round(
          images[Math.floor(i / 784) % images.length][i % 784] *
            255,
        ),
    );
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const overJson = " ".repeat(12 * 1024 * 1024 + 1);
  const overBytes = new Uint8Array(1000 * 784 + 1);
  const infer = "/v2/models/mlp/infer";

  // [weight, job]: mostly valid traffic, a steady share of mistakes
  const table: [number, () => Job][] = [
    [10, () => json("json pixels", "/api/predict", { pixels: pick(images) })],
    [4, () => {
      const rows = Array.from(
        { length: 28 },
        (_, y) => pick(images).slice(y * 28, y * 28 + 28),
      );
      return json("json rows", "/api/predict", { pixels: rows });
    }],
    [4, () =>
      json("json batch", "/api/predict", {
        batch: Array.from({ length: 1 + Math.floor(Math.random() * 64) }, () =>
          pick(images)),
      })],
    [1, () =>
      json("json batch 1000", "/api/predict", {
        batch: Array.from(
          { length: 1000 },
          () => pick(images).map((v) => Math.round(v * 255)),
        ),
        scale: 255,
      })],
    [5, () => raw("png", "/api/predict", "image/png", pick(pngs))],
    [3, () => raw("jpeg", "/api/predict", "image/jpeg", pick(jpegs))],
    [3, () => {
      const form = new FormData();
      form.append("image", new File([pick(pngs)], "digit.png"));
      return {
        kind: "multipart",
        path: "/api/predict",
        init: { method: "POST", body: form },
      };
    }],
    [3, () =>
      raw(
        "octet-stream",
        "/api/predict",
        "application/octet-stream",
        bytes(1 + Math.floor(Math.random() * 32)),
      )],
    [5, () =>
      json("kserve infer", infer, {
        inputs: [{
          name: "pixels",
          shape: [1, 784],
          datatype: "FP32",
          data: pick(images),
        }],
      })],
    [6, () => ({
      kind: "mnist",
      path: `/api/mnist/${Math.floor(Math.random() * 10_000)}`,
    })],
    [3, () => ({
      kind: "read-only",
      path: pick([
        "/",
        "/api/health",
        "/api/models",
        "/api/report",
        "/api/openapi.json",
        "/v2/health/live",
        "/v2/models/mlp",
      ]),
    })],
    [3, () => json("bad json", "/api/predict", pick(["{", "[1,2", "nul", ""]))],
    [3, () =>
      json(
        "wrong types",
        "/api/predict",
        pick([
          { pixels: "seven" },
          { pixels: Array(783).fill(0) },
          { batch: [] },
          { pixels: Array(784).fill(2) },
          { pixels: Array(784).fill(0), batch: [Array(784).fill(0)] },
          { scale: 3 },
          null,
        ]),
      )],
    [
      2,
      () =>
        raw("wrong type", "/api/predict", pick(["text/plain", undefined]), "7"),
    ],
    [2, () =>
      raw(
        "broken image",
        "/api/predict",
        pick(["image/png", "image/jpeg"]),
        pick(pngs).slice(0, 40),
      )],
    [2, () => json("bad kserve", infer, { inputs: [{ name: "x" }] })],
    [1, () => json("deep json", "/api/predict", deep)],
    [
      1,
      () =>
        raw(
          "over limit",
          "/api/predict",
          "application/octet-stream",
          overBytes,
        ),
    ],
    [0.2, () => json("over limit", "/api/predict", overJson)],
    [2, () => ({ kind: "unknown route", path: `/nope/${Math.random()}` })],
    [2, () => {
      const [method, path] = pick([
        ["GET", "/api/predict"],
        ["PUT", "/api/predict"],
        ["DELETE", "/api/health"],
        ["GET", infer],
        ["PATCH", "/api/mnist/3"],
      ]);
      return { kind: "wrong method", path, init: { method } };
    }],
    [1, () => ({ kind: "mnist", path: "/api/mnist/10000" })],
  ];
  if (HOSTILE) {
    const bomb = rebuildPng(drawing(), { extra: [iccpChunk(zlibBomb(1024))] });
    const chunky = oneByteChunks(796_000);
    const deep16 = heavyPng(4000);
    const bigJpeg = await progressiveJpeg(4000);
    const gzipped = gzipBomb(64);
    const batch1000 = JSON.stringify({
      batch: Array.from({ length: 1000 }, () => pick(images)),
    });
    table.push(
      [0.5, () => raw("iCCP bomb 1 GiB", "/api/predict", "image/png", bomb)],
      [0.3, () => raw("1-byte IDATs", "/api/predict", "image/png", chunky)],
      [0.5, () => raw("16-bit 4000² png", "/api/predict", "image/png", deep16)],
      ...(bigJpeg
        ? [[0.5, () =>
          raw(
            "progressive 4000² jpeg",
            "/api/predict",
            "image/jpeg",
            bigJpeg,
          )] as [number, () => Job]]
        : []),
      [0.5, () => ({
        kind: "gzip bomb",
        path: "/api/predict",
        init: {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-encoding": "gzip",
          },
          body: gzipped,
        },
      })],
      [0.3, () => ({
        kind: "slow body",
        path: "/api/predict",
        init: {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: tricklingBody(200, 100),
        },
      })],
      [1, () =>
        json(
          "batch 1000 mlp",
          "/api/predict",
          batch1000,
        )],
      [1, () =>
        json(
          "batch 1000 cnn",
          "/api/predict?model=deep-cnn",
          batch1000,
        )],
    );
  }
  // --only: the entries whose kind (as one job of each shows it) is asked for
  const mix = ONLY
    ? table.filter(([, job]) => ONLY.some((name) => job().kind.includes(name)))
    : table;
  if (mix.length === 0) throw new Error(`--only ${args.only}: no such kind`);
  const total = mix.reduce((sum, [weight]) => sum + weight, 0);
  return (): Job => {
    let r = Math.random() * total;
    for (const [weight, job] of mix) {
      r -= weight;
      if (r <= 0) return job();
    }
    return mix[0][1]();
  };
}

// ---- the run ----

interface Tally {
  total: number;
  byStatus: Map<number, number>;
  byKind: Map<string, Map<number, number>>;
  failed: Map<string, number>;
  serverErrors: string[];
  /** 503s with Retry-After: work refused at the memory budget. */
  shed: number;
  /** 5xx answers without Retry-After. */
  unexplained: number;
  durations: number[];
}

function count<K>(map: Map<K, number>, key: K) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

async function worker(next: () => Job, until: number, tally: Tally) {
  while (Date.now() < until && server.running()) {
    const job = next();
    const start = performance.now();
    try {
      const response = await fetch(`${base}${job.path}`, {
        ...job.init,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await response.text();
      tally.durations.push(performance.now() - start);
      tally.total++;
      count(tally.byStatus, response.status);
      const kinds = tally.byKind.get(job.kind) ?? new Map();
      tally.byKind.set(job.kind, kinds);
      count(kinds, response.status);
      // a 503 with Retry-After is load shedding, as designed; any other 5xx is a bug
      const shed = response.status === 503 &&
        response.headers.get("retry-after") !== null;
      if (shed) tally.shed++;
      else if (response.status >= 500) tally.unexplained++;
      if (
        response.status >= 500 && !shed && tally.serverErrors.length < 10
      ) {
        tally.serverErrors.push(
          `${job.kind}: ${
            job.init?.method ?? "GET"
          } ${job.path} → ${response.status} ${body.slice(0, 200)}`,
        );
      }
    } catch (error) {
      tally.total++;
      const name = error instanceof Error ? error.name : "Error";
      count(
        tally.failed,
        `${job.kind}: ${name}: ${String(error).slice(0, 120)}`,
      );
    }
  }
}

function percentile(sorted: number[], q: number): string {
  if (sorted.length === 0) return "-";
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    .toFixed(1);
}

async function main(): Promise<number> {
  const images = await samplePixels(20);
  const next = await jobsOver(images);
  const rssBefore = await server.rssMiB();
  let rssPeak = rssBefore;
  // one reading every 10 s: a leak climbs steadily, a warm heap levels off
  const timeline: number[] = [];
  let ticks = 0;
  const sampler = setInterval(async () => {
    if (!server.running()) return;
    const rss = await server.rssMiB().catch(() => rssPeak);
    rssPeak = Math.max(rssPeak, rss);
    if (++ticks % 40 === 0) timeline.push(Math.round(rss)); // every 10 s
  }, 250);
  // a prober in a process of its own: how long the server makes a cheap
  // request wait while the mix runs (a stalled event loop shows here)
  const prober = new Deno.Command(Deno.execPath(), {
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
  const tally: Tally = {
    total: 0,
    byStatus: new Map(),
    byKind: new Map(),
    failed: new Map(),
    serverErrors: [],
    shed: 0,
    unexplained: 0,
    durations: [],
  };
  console.log(
    `Soak: ${WORKERS} workers for ${SECONDS} s against ${base} (server pid ${server.pid})`,
  );
  const start = performance.now();
  await Promise.all(
    Array.from(
      { length: WORKERS },
      () => worker(next, Date.now() + SECONDS * 1000, tally),
    ),
  );
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const probed = await prober;
  const health: number[] = JSON.parse(new TextDecoder().decode(probed.stdout));
  const healthSorted = health.sort((a, b) => a - b);
  const worstHealth = healthSorted.at(-1) ?? NaN;
  const died = !server.running();
  const rssAfter = died ? NaN : await server.rssMiB();

  const serverErrorCount = tally.unexplained;
  const failedCount = [...tally.failed.values()].reduce((a, b) => a + b, 0);
  const sorted = tally.durations.sort((a, b) => a - b);
  console.log(
    `V8 heap       ${
      args["machine-heap"]
        ? "as this machine sizes it"
        : "as on a 512 MB instance"
    }`,
  );
  console.log(`requests      ${tally.total} in ${elapsed.toFixed(1)} s`);
  console.log(`requests/s    ${(tally.total / elapsed).toFixed(1)}`);
  console.log(
    `latency ms    p50 ${percentile(sorted, 0.5)}  p90 ${
      percentile(sorted, 0.9)
    }  p99 ${percentile(sorted, 0.99)}  max ${percentile(sorted, 1)}`,
  );
  console.log(
    `by status     ${
      [...tally.byStatus].sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}: ${n}`).join("  ")
    }`,
  );
  console.log(
    `5xx           ${serverErrorCount} without Retry-After; ${tally.shed} shed (503 + Retry-After)`,
  );
  console.log(`failed        ${failedCount} (connection errors and timeouts)`);
  console.log(
    `memory (RSS)  before ${rssBefore.toFixed(0)} MB, peak ${
      rssPeak.toFixed(0)
    } MB, after ${rssAfter.toFixed(0)} MB`,
  );
  console.log(`RSS every 10 s ${timeline.join(" ")} MB`);
  console.log("by kind:");
  for (const [kind, statuses] of [...tally.byKind].sort()) {
    const parts = [...statuses].sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`).join("  ");
    console.log(`  ${kind.padEnd(18)} ${parts}`);
  }
  for (const line of tally.serverErrors) console.log(`5xx: ${line}`);
  for (const [line, n] of tally.failed) console.log(`failed ×${n}: ${line}`);
  if (died) console.log("The server died");
  if (serverErrorCount || died) {
    console.log(`server output (tail):\n${server.log().slice(-8192)}`);
  }
  console.log(
    `/api/health   ${health.length} probes: p50 ${
      percentile(healthSorted, 0.5)
    }  p99 ${percentile(healthSorted, 0.99)}  worst ${
      worstHealth.toFixed(1)
    } ms (limit ${MAX_HEALTH_MS})`,
  );
  console.log(`peak RSS      ${rssPeak.toFixed(0)} MB (limit ${MAX_RSS_MB})`);
  const ok = serverErrorCount === 0 && failedCount === 0 && !died &&
    worstHealth <= MAX_HEALTH_MS && rssPeak <= MAX_RSS_MB;
  console.log(ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} finally {
  await server.stop();
}
Deno.exit(code);
