// deno task start: listen at once on PORT (default 8000); the models load in
// the background and the first predictions wait for them. BATCH_WINDOW_MS and
// BATCH_MAX_SIZE tune dynamic batching (BATCH_WINDOW_MS=-1 turns it off).
// Readers' drawings go to Deno KV: KV_PATH (default data/drawings.sqlite3,
// `:memory:` for none kept; Deno Deploy's own KV there), DRAWINGS_PER_MINUTE,
// DRAWINGS_MAX and DRAWINGS_RETENTION_DAYS.

import { batchingFromEnv } from "./lib/serve/batcher.ts";
import { ModelRegistry } from "./lib/serve/registry.ts";
import {
  drawingsFromEnv,
  onDeploy,
  openDrawingsKv,
} from "./lib/drawings/settings.ts";
import { DrawingStore } from "./lib/drawings/store.ts";
import { createApp } from "./routes/app.ts";

const env = (name: string) => Deno.env.get(name);
const batching = batchingFromEnv(env);
const models = new ModelRegistry(undefined, { batching });
const { writesPerMinute, ...storeOptions } = drawingsFromEnv(env);
const store = new DrawingStore(await openDrawingsKv(env), storeOptions);
const app = createApp({
  models,
  log: env("LOG") !== "0",
  drawings: { store, writesPerMinute, forwarded: onDeploy(env) },
});
const port = Number(env("PORT") ?? 8000);

Deno.serve({ port }, app.fetch);
