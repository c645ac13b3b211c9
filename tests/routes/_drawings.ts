/**
 * What the /api/drawings tests share: an app over a fresh in-memory store,
 * MNIST test images as drawings, and a count of the drawings' keys.
 *
 * @module
 */

import { DrawingStore } from "../../lib/drawings/mod.ts";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { row } from "../../lib/tensor.ts";
import { createApp } from "../../routes/app.ts";
import { testImages } from "../_data.ts";
import "../_worker.ts"; // the inference worker, started before any test

/** Both models, shared by the tests of a file. */
export const models: ModelRegistry = new ModelRegistry();

/** An app over a fresh in-memory store; `writesPerMinute` 0 unless given. */
export async function fixture(writesPerMinute = 0) {
  const kv = await Deno.openKv(":memory:");
  const store = new DrawingStore(kv);
  const app = createApp({ models, drawings: { store, writesPerMinute } });
  return { kv, store, app, [Symbol.dispose]: () => kv.close() };
}

/** The app of a {@linkcode fixture}. */
export type App = Awaited<ReturnType<typeof fixture>>["app"];

/** MNIST test image `index` as 784 numbers in [0, 1], with its label. */
export async function mnist(index: number): Promise<[number[], number]> {
  const [images, labels] = await testImages();
  return [[...row(images, index)], labels.data[index]];
}

/** POSTs a drawing (a value as JSON, or raw text) to /api/drawings. */
export function post(
  app: App,
  body: unknown,
  init: RequestInit = {},
  env?: object,
): Promise<Response> {
  return Promise.resolve(app.request("/api/drawings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  }, env));
}

/** The keys of stored drawings (4 each: the record and 3 index entries), not the counters. */
export async function keyCount(kv: Deno.Kv): Promise<number> {
  let n = 0;
  for await (const { key } of kv.list({ prefix: [] })) {
    if (!/^drawings_(counts|meta)$/.test(String(key[0]))) n++;
  }
  return n;
}
