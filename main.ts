/**
 * deno task start: listen at once on PORT (default 8000); the models load in
 * the background (the MLP first), in the inference worker that the server
 * starts before it loads the rest of its modules, and the first predictions
 * wait for them. Then the server warms up (routes/warm_up.ts) and
 * /v2/health/ready says ready.
 * Every setting comes from the environment: see lib/http/settings.ts, and
 * lib/drawings/settings.ts for readers' drawings in Deno KV (KV_PATH, default
 * data/drawings.sqlite3; Deno Deploy's own KV there).
 *
 * @module
 */

import { settingsFromEnv } from "./lib/http/mod.ts";
import {
  ModelRegistry,
  openModel,
  startInferWorker,
} from "./lib/runtime/mod.ts";

const env = (name: string) => Deno.env.get(name);
const settings = settingsFromEnv(env);
// onnxruntime-web starts in its worker, opening the MLP, while the rest of
// the server's modules load here
if (settings.inferThread === "worker") startInferWorker(["mlp"]);

const { DrawingStore, drawingsFromEnv, KvOpenError, openDrawingsKv } =
  await import("./lib/drawings/mod.ts");
const { createApp } = await import("./routes/app.ts");
const { warmUp } = await import("./routes/warm_up.ts");

const models = new ModelRegistry(undefined, {
  batching: settings.batching,
  open: settings.inferThread === "main" ? openModel : undefined,
});
const { writesPerMinute, ...storeOptions } = drawingsFromEnv(env);
const kv = await openDrawingsKv(env).catch((error) => {
  if (!(error instanceof KvOpenError)) throw error;
  console.error(error.message); // what to do, without a stack
  Deno.exit(1);
});
const store = new DrawingStore(kv, storeOptions);
// set once the server has warmed up (below): /v2/health/ready waits for it
let warm = false;
const { createHttpMetrics, watchLoopDelay } = await import(
  "./lib/observe/mod.ts"
);
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
  drawings: {
    store,
    writesPerMinute,
    trustedProxies: settings.trustedProxies,
  },
  warmedUp: () => warm,
});

// Deno.serve compresses the answers made per request (the JSON) in the
// encoding the client accepts, as Deno Deploy's runtime always does; the
// page's files are sent precompressed and pass untouched (docs/BENCHMARKS.md,
// Round 9)
Deno.serve({ port: settings.port, automaticCompression: true }, app.fetch);

// one request of each costly kind, in the process, before /v2/health/ready
// says ready (routes/warm_up.ts); requests are served meanwhile
warmUp(app, {
  after: Promise.all(models.names.map((name) => models.get(name))),
}).then(({ ms, failed }) => {
  console.log(`Warmed up in ${Math.round(ms)} ms`);
  for (const step of failed) console.error(`Warm-up: ${step}`);
}).catch((error) => console.error(`Warm-up: ${error}`))
  .finally(() => warm = true);
