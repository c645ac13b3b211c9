/**
 * deno task start: serve on PORT (default 8000) as early as the runtime
 * allows. The front loads first (routes/app.ts: the page, its files and
 * /api/health, a small module graph) and listens; once it has answered what
 * came first (or a prediction waits), the inference worker starts, opening
 * the MLP, and the API's routes join the front in the background; the first
 * predictions wait for them and for the MLP. After the first answer the
 * DeepConvNet loads, the server warms up in small steps (routes/warm_up.ts)
 * and /v2/health/ready says ready.
 * Every setting comes from the environment: see lib/http/settings.ts, and
 * lib/drawings/settings.ts for readers' drawings in Deno KV (KV_PATH, default
 * data/drawings.sqlite3; Deno Deploy's own KV there).
 *
 * The `import()`s below are loaded when they run, not with this module
 * (deno.json's `"unstable": ["lazy-dynamic-imports"]`): until then the graph
 * is this file's imports and the model registry.
 *
 * @module
 */

import { settingsFromEnv } from "./lib/http/settings.ts";
import {
  openModelInWorker,
  startInferWorker,
} from "./lib/runtime/worker_session.ts";
import { ModelRegistry } from "./lib/runtime/registry.ts";
import { compileRuntime, openModel } from "./lib/runtime/model_files.ts";
import { createHttpMetrics, watchLoopDelay } from "./lib/observe/mod.ts";

// onnxruntime-web's wasm read and compiled in V8's background threads,
// while the front loads: the inference worker takes the compiled module
compileRuntime().catch(() => {}); // reported by the MLP's load
const env = (name: string) => Deno.env.get(name);
const settings = settingsFromEnv(env);

/** Resolves at the server's first answer (or a while after it listens, without one). */
let first = () => {};
const firstAnswer = new Promise<void>((resolve) => first = resolve);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const afterFirstAnswer = (ms: number) => firstAnswer.then(() => delay(ms));
/** Resolves when a request waits for the API's routes (a prediction first, say). */
let wanted = () => {};
const apiWanted = new Promise<void>((resolve) => wanted = resolve);
// the front's requests in flight, and when the last one was answered
let inFlight = 0;
let lastAnswer = 0;
const asked = () => void inFlight++;
const answered = () => {
  inFlight = Math.max(0, inFlight - 1);
  lastAnswer = performance.now();
  first();
};

/**
 * Resolves once the server has answered and the front has then had nothing
 * to do for `ms` (the first visitor's page and files sent), or `atMost` ms
 * after the first answer.
 */
async function quiet(ms: number, atMost: number): Promise<void> {
  await firstAnswer;
  await idle(ms, atMost);
}

/** Resolves once the front has had nothing to do for `ms`, or after `atMost` ms. */
async function idle(ms: number, atMost: number): Promise<void> {
  const since = performance.now();
  const until = since + atMost;
  const calm = () => performance.now() - Math.max(lastAnswer, since) >= ms;
  while (performance.now() < until && (inFlight > 0 || !calm())) {
    await delay(ms / 4);
  }
}

// onnxruntime-web starts (in its worker, opening the MLP) once the front has
// answered what came first: `new Worker` holds this thread until the
// worker's runtime is made, and the page and /api/health do not wait behind
// it. A prediction that comes first starts it, the API's routes loading
// after (docs/BENCHMARKS.md, Round 14).
const onnxStarted = Promise.race([firstAnswer, apiWanted, delay(300)])
  .then(() => idle(5, 50))
  .then(() => {
    if (settings.inferThread === "worker") startInferWorker(["mlp"]);
  });
/** A request waits for the API: once onnxruntime-web has started. */
const apiNeeded = apiWanted.then(() => onnxStarted);

const models = new ModelRegistry(undefined, {
  batching: settings.batching,
  open: (name) =>
    onnxStarted.then(() =>
      settings.inferThread === "main"
        ? openModel(name)
        : openModelInWorker(name)
    ),
  // the predictions waiting for the MLP go to the worker first
  later: () => afterFirstAnswer(100),
});
const { createApp } = await import("./routes/app.ts");
// set once the server has warmed up (below): /v2/health/ready waits for it
let warm = false;
const metrics = createHttpMetrics();
watchLoopDelay(metrics);
const app = createApp({
  models,
  metrics,
  metricsToken: settings.metricsToken,
  log: settings.log,
  logFormat: settings.logFormat,
  console: settings.onDeploy,
  workBudget: settings.workBudget,
  rateLimitPerMinute: settings.rateLimitPerMinute,
  trustedProxies: settings.trustedProxies,
  // KV opened once the first visitor has been answered, or an API request
  // waits for it
  drawings: Promise.race([quiet(20, 300), apiNeeded]).then(openDrawings).catch(
    (error) => {
      console.error("Readers' drawings:", error);
      Deno.exit(1);
    },
  ),
  warmedUp: () => warm,
  asked,
  answered,
  // imported once the first visitor's page and files have gone (its modules
  // hold the event loop a while): they do not wait behind them; at once
  // when a request waits for them
  apiAfter: Promise.race([quiet(20, 300), delay(500), apiNeeded]),
  waiting: wanted,
});

// Deno.serve compresses the answers made per request (the JSON) in the
// encoding the client accepts, as Deno Deploy's runtime always does; the
// page's files are sent precompressed and pass untouched (docs/BENCHMARKS.md,
// Round 9)
Deno.serve({ port: settings.port, automaticCompression: true }, app.fetch);
// a server that nobody asks anything warms up all the same (and an API
// request that came first, waiting for the API's routes, is answered)
setTimeout(first, 2000);
warmUpLater();

/** Readers' drawings in Deno KV, opened in the background. */
async function openDrawings() {
  const { DrawingStore, drawingsFromEnv, KvOpenError, openDrawingsKv } =
    await import("./lib/drawings/mod.ts");
  const { writesPerMinute, ...storeOptions } = drawingsFromEnv(env);
  const kv = await openDrawingsKv(env).catch((error) => {
    if (!(error instanceof KvOpenError)) throw error;
    console.error(error.message); // what to do, without a stack
    Deno.exit(1);
  });
  const store = new DrawingStore(kv, storeOptions);
  return {
    store,
    writesPerMinute,
    trustedProxies: settings.trustedProxies,
  };
}

/**
 * One request of each costly kind, in the process, then the page's files
 * compressed or the build checked (routes/warm_up.ts), before
 * /v2/health/ready says ready; after the first answer, giving way to
 * requests at each step.
 */
async function warmUpLater() {
  await quiet(20, 1000);
  const after = Promise.all(models.names.map((name) => models.get(name)));
  try {
    const [{ warmUp }, { assetSteps }] = await Promise.all([
      import("./routes/warm_up.ts"),
      import("./lib/assets/page_assets.ts"),
    ]);
    const { ms, failed } = await warmUp(app, {
      after,
      idleMs: 5,
      more: await after.then(assetSteps, () => []),
    });
    console.log(`Warmed up in ${Math.round(ms)} ms`);
    for (const step of failed) console.error(`Warm-up: ${step}`);
  } catch (error) {
    console.error(`Warm-up: ${error}`);
  } finally {
    warm = true;
  }
}
