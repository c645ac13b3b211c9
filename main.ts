/**
 * deno task start: listen at once on PORT (default 8000); the models load in
 * the background and the first predictions wait for them. BATCH_WINDOW_MS and
 * BATCH_MAX_SIZE tune dynamic batching (BATCH_WINDOW_MS=-1 turns it off).
 *
 * @module
 */

import { batchingFromEnv } from "./lib/serve/batcher.ts";
import { ModelRegistry } from "./lib/serve/registry.ts";
import { createApp } from "./routes/app.ts";

const batching = batchingFromEnv((name) => Deno.env.get(name));
const models = new ModelRegistry(undefined, { batching });
const app = createApp({ models, log: Deno.env.get("LOG") !== "0" });
const port = Number(Deno.env.get("PORT") ?? 8000);

Deno.serve({ port }, app.fetch);
