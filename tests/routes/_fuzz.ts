/**
 * What the app's fuzz and hostile-input tests share: the app over the MLP,
 * and a check that an answer is safe (no 5xx, a JSON error, in time).
 *
 * @module
 */

import "../_data.ts"; // onnxruntime-web started before any test
import { assert, assertEquals, assertMatch } from "@std/assert";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { createApp } from "../../routes/app.ts";
import "../_worker.ts"; // the inference worker, started before any test
const models = new ModelRegistry(["mlp"]);
const app = createApp({ models });
// the model's files are read before the first test (a read that ends inside
// a test is a leak to the sanitizer)
await models.get("mlp");

/** Longer than the server's own 10 s limit: a request past it hangs. */
const DEADLINE_MS = 15_000;

/** The app's answer, or a failure when none comes within DEADLINE_MS. */
async function answer(
  path: string,
  init: RequestInit,
): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${path}`)),
      DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([app.request(path, init), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request and checks that the answer is safe; returns its status. */
export async function assertSafe(path: string, init: RequestInit = {}) {
  const method = init.method ?? "GET";
  const label = `${method} ${path.slice(0, 80)}`;
  const response = await answer(path, init);
  assert(response.status < 500, `${label} answered ${response.status}`);
  if (response.status < 300 || method === "HEAD") {
    await response.body?.cancel();
    return response.status;
  }
  assertMatch(
    response.headers.get("content-type") ?? "",
    /^application\/json/,
    label,
  );
  const body = await response.json();
  assertEquals(typeof body.error, "string", label);
  assert(body.error.length > 0, label);
  return response.status;
}

/** Bytes on an ArrayBuffer of their own, as Blob and fetch bodies want them. */
export const own = (bytes: Uint8Array) => new Uint8Array(bytes);

/** A POST of `body` with the content type given (none if undefined). */
export function post(
  contentType: string | undefined,
  body: BodyInit | Uint8Array,
): RequestInit {
  const headers: Record<string, string> = contentType
    ? { "content-type": contentType }
    : {};
  return {
    method: "POST",
    headers,
    body: body instanceof Uint8Array ? own(body) : body,
  };
}

/** A POST of `value` as JSON. */
export const json = (value: unknown) =>
  post("application/json", JSON.stringify(value));
