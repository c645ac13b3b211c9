/**
 * deno task start: listen at once on PORT (default 8000); the models load in
 * the background (the MLP first) and the first predictions wait for them.
 * Every setting comes from the environment: see lib/serve/settings.ts, and
 * lib/drawings/settings.ts for readers' drawings in Deno KV (KV_PATH, default
 * data/drawings.sqlite3; Deno Deploy's own KV there).
 *
 * @module
 */

import { drawingsFromEnv, openDrawingsKv } from "./lib/drawings/settings.ts";
import { DrawingStore } from "./lib/drawings/store.ts";
import { ModelRegistry } from "./lib/serve/registry.ts";
import { settingsFromEnv } from "./lib/serve/settings.ts";
import { createApp } from "./routes/app.ts";

const env = (name: string) => Deno.env.get(name);
const settings = settingsFromEnv(env);
const models = new ModelRegistry(undefined, { batching: settings.batching });
const { writesPerMinute, ...storeOptions } = drawingsFromEnv(env);
const store = new DrawingStore(await openDrawingsKv(env), storeOptions);
const app = createApp({
  models,
  log: settings.log,
  console: settings.onDeploy,
  workBudget: settings.workBudget,
  rateLimitPerMinute: settings.rateLimitPerMinute,
  forwarded: settings.onDeploy,
  drawings: { store, writesPerMinute, forwarded: settings.onDeploy },
});

Deno.serve({ port: settings.port }, app.fetch);
