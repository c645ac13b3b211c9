/**
 * The page's predictions wherever the network runs: on this device once its
 * engine is in use (no request), else through the JSON API. Every view that
 * reads an image asks here — the pad, the lab, the gallery's tiles — so all
 * follow the engine alike, and none holds the engine itself.
 *
 * @module
 */

import {
  type Answer,
  type ModelName,
  predict,
  predictBytes,
  predictTraced,
} from "./api.ts";
import {
  type BothAnswers,
  bothOnDevice,
  type BothOptions,
  deviceEngine,
  startDevice,
} from "./device.ts";
import type { DeviceEngine } from "./engine.ts";

/** Where an answer was computed. */
export type Where = "device" | "server";

/** Options of {@linkcode predictBoth}. */
export interface PredictBothOptions extends BothOptions {
  /** Aborts the API's requests (the device's run is not interrupted). */
  signal?: AbortSignal;
}

function floats(input: ArrayLike<number>): Float32Array {
  return input instanceof Float32Array ? input : Float32Array.from(input);
}

/**
 * Both models' answers for one input and the MLP's layers: on the device
 * (the `first` model's answer handed to `early` before the other runs), or
 * through the API in one request per model.
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 * @throws {DOMException} AbortError when `signal` aborts a request.
 */
export async function predictBoth(
  input: ArrayLike<number>,
  options: PredictBothOptions = {},
): Promise<BothAnswers & { where: Where }> {
  const engine = deviceEngine();
  if (engine) {
    const found = await bothOnDevice(engine, floats(input), options);
    return { ...found, where: "device" };
  }
  const [mlp, deep] = await Promise.all([
    predictTraced(input, options.signal),
    predict(input, { model: "deep-cnn", signal: options.signal }),
  ]);
  const { activations = null, ...answer } = mlp;
  return {
    answers: { mlp: answer, "deep-cnn": deep },
    activations,
    where: "server",
  };
}

/**
 * One model's answer for 784 pixels in [0, 1] (the preprocessing lab).
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 */
export async function predictOne(
  pixels: Float32Array,
  model: ModelName,
): Promise<Answer> {
  const engine = deviceEngine();
  if (!engine) return await predict(pixels, { model });
  const [answer] = await engine.predict(model, pixels);
  return answer;
}

/** How long a batch waits for a device engine that loads from the cache. */
const CACHED_ENGINE_WAIT_MS = 5000;

/**
 * On a visit the service worker serves, the engine comes from its cache
 * rather than the network: a batch waits for it (up to
 * {@linkcode CACHED_ENGINE_WAIT_MS}) rather than send its pixels to the API —
 * and offline it has no other way.
 */
async function cachedEngine(): Promise<DeviceEngine | null> {
  if (!navigator.serviceWorker?.controller) return null;
  const timeout = new Promise<null>((resolve) =>
    setTimeout(() => resolve(null), CACHED_ENGINE_WAIT_MS)
  );
  return await Promise.race([startDevice().then(deviceEngine), timeout]);
}

/**
 * One model's answers for N images given as N×784 bytes (0–255): one device
 * run, or one request.
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 */
export async function predictBatch(
  model: ModelName,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Answer[]> {
  const engine = deviceEngine() ?? await cachedEngine();
  if (!engine) return await predictBytes(bytes, { model });
  return await engine.predict(model, Float32Array.from(bytes, (b) => b / 255));
}
