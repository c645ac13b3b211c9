/**
 * One application over both models for the in-process route tests, and
 * small helpers to call it.
 *
 * @module
 */

import "./_data.ts"; // onnxruntime-web started before any test
import "./_worker.ts"; // and the inference worker, with both models open
import { ModelRegistry } from "../lib/runtime/mod.ts";
import { createApp } from "../routes/app.ts";

// both models loaded and their files read while this module loads, before
// any test: no test sees another's background reads (Deno 2.5's sanitizer)
const models = new ModelRegistry();
await Promise.all(models.names.map((name) => models.get(name)));
const app = createApp({ models });

/** The models of the app under test, both loaded (for apps of other options). */
export function testModels(): ModelRegistry {
  return models;
}

/** The app under test (created once per test process, both models loaded). */
export function testApp(): ReturnType<typeof createApp> {
  return app;
}

/** POSTs a JSON value (or raw text) to the app. */
export async function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return await testApp().request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Checks a JSON error answer: its status, content type and message. */
export async function errorOf(response: Response): Promise<[number, string]> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/json")) {
    throw new Error(
      `JSON error expected, got ${type}: ${await response.text()}`,
    );
  }
  const body = await response.json();
  if (typeof body.error !== "string") {
    throw new Error(`{"error": string} expected, got ${JSON.stringify(body)}`);
  }
  return [response.status, body.error];
}
