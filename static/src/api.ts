/**
 * The page's calls of the JSON API — the same endpoints curl calls.
 *
 * @module
 */

import type { Answer } from "../../lib/infer/mod.ts";
import type { Report } from "../../lib/evaluate/mod.ts";
import type { ModelName } from "../../lib/models.ts";
import { reach } from "./offline.ts";

export type { Answer };
export { MODEL_NAMES, type ModelName } from "../../lib/models.ts";

/**
 * The MLP's layers for one image by the book's names (section 3.4):
 * a = x·W + b before each activation function, z = sigmoid(a) after it —
 * a1 and z1 (50 values each), a2 and z2 (100), a3 (10 scores; softmax(a3)
 * gives the probabilities).
 */
export type Activations = NonNullable<Answer["activations"]>;

/** A test image with its label and a network's answer. */
export interface TestImage extends Answer {
  index: number;
  label: number;
  /** 784 values in [0, 1], row-major, white digit on black. */
  pixels: ArrayLike<number>;
}

/** Options of the calls that read an image. */
export interface CallOptions {
  /** The model that answers; the server's default (mlp) when omitted. */
  model?: ModelName;
  signal?: AbortSignal;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await reach(path, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}

function post<T>(
  path: string,
  pixels: ArrayLike<number>,
  signal?: AbortSignal,
) {
  return call<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ pixels: Array.from(pixels) }),
    signal,
  });
}

function query(model: ModelName | undefined): string {
  return model ? `?model=${model}` : "";
}

/**
 * Asks a model to read 784 pixels (`POST /api/predict?model=`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 * @throws {DOMException} AbortError when the signal aborts.
 */
export function predict(
  pixels: ArrayLike<number>,
  options: CallOptions = {},
): Promise<Answer> {
  return post(`/api/predict${query(options.model)}`, pixels, options.signal);
}

/**
 * Asks the MLP to read 784 pixels and to show its hidden layers
 * (`POST /api/predict?model=mlp&activations=true`): one request, both.
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 * @throws {DOMException} AbortError when `signal` aborts.
 */
export function predictTraced(
  pixels: ArrayLike<number>,
  signal?: AbortSignal,
): Promise<Answer> {
  return post("/api/predict?model=mlp&activations=true", pixels, signal);
}

/**
 * Asks a model to read N images given as N×784 bytes (0–255), in one request
 * (`POST /api/predict?model=` with `application/octet-stream`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export async function predictBytes(
  bytes: Uint8Array<ArrayBuffer>,
  options: CallOptions = {},
): Promise<Answer[]> {
  const body = await call<{ predictions?: Answer[] } & Answer>(
    `/api/predict${query(options.model)}`,
    {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
      signal: options.signal,
    },
  );
  return body.predictions ?? [body];
}

/**
 * Loads test image `index` (0–9999) and a model's answer (`GET /api/mnist/:index?model=`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function fetchTestImage(
  index: number,
  options: CallOptions = {},
): Promise<TestImage> {
  return call(`/api/mnist/${index}${query(options.model)}`, {
    signal: options.signal,
  });
}

/**
 * Loads a model's test-set report (`GET /api/report?model=`).
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 */
export function loadReport(
  model: ModelName,
  signal?: AbortSignal,
): Promise<Report> {
  return call(`/api/report${query(model)}`, { signal });
}
