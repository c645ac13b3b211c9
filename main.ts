/**
 * deno task start: listen at once on PORT (default 8000); the models load in
 * the background (the MLP first) and the first predictions wait for them.
 * Every setting comes from the environment: see lib/serve/settings.ts.
 *
 * @module
 */

import { ModelRegistry } from "./lib/serve/registry.ts";
import { settingsFromEnv } from "./lib/serve/settings.ts";
import { createApp } from "./routes/app.ts";

const settings = settingsFromEnv((name) => Deno.env.get(name));
const models = new ModelRegistry(undefined, { batching: settings.batching });
const app = createApp({
  models,
  log: settings.log,
  console: settings.onDeploy,
  workBudget: settings.workBudget,
});

Deno.serve({ port: settings.port }, app.fetch);
