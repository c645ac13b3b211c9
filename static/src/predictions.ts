/**
 * The page's predictions wherever the network runs: on this device once its
 * engine is in use (no request), else through the JSON API — and, on the
 * device, a model not open there yet (the DeepConvNet on a light link)
 * through the API too. Every view that reads an image asks here — the pad,
 * the lab, the gallery's tiles — so all follow the engine alike, and none
 * holds the engine itself. A drawing goes to the device as its strokes (the
 * worker reads them), to the API as the pixels read here.
 *
 * @module
 */

import type { Stroke } from "../../lib/input/strokes.ts";
import {
  type Activations,
  type Answer,
  type ModelName,
  predict,
  predictBytes,
  predictTraced,
} from "./api.ts";
import { deviceEngine, startDevice } from "./device.ts";
import { OFFLINE } from "./offline.ts";
import type { DeviceEngine } from "./engine_client.ts";
import { readStrokes } from "./read_strokes.ts";

/** Where an answer was computed. */
export type Where = "device" | "server";

/** Each model's answer for one input. */
export type Answers = Partial<Record<ModelName, Answer>>;

/** What both models say about one image, with the MLP's layers. */
export interface BothAnswers {
  answers: Answers;
  /** The MLP's hidden layers (a1, z1, a2, z2, a3). */
  activations: Activations | null;
}

/** One model's answer, handed on before the other model runs. */
export interface EarlyAnswer {
  model: ModelName;
  answer: Answer;
  /** The MLP's hidden layers, when the model is the MLP. */
  activations?: Activations;
}

/** Options of {@linkcode predictBoth} and {@linkcode readDrawing}. */
export interface PredictBothOptions {
  /** The model that answers first (the one the page shows large). */
  first?: ModelName;
  /** Receives the first model's answer (and the input) before the other one runs. */
  early?(found: EarlyAnswer, input: Float32Array): void;
  /** Aborts the API's requests (the device's run is not interrupted). */
  signal?: AbortSignal;
  /** Whether a newer input waits: the other model is then not asked. */
  stale?(): boolean;
}

/** Both answers for an input, the input, and where they came from. */
export interface Reading extends BothAnswers {
  input: Float32Array;
  where: Where;
}

function floats(input: ArrayLike<number>): Float32Array {
  return input instanceof Float32Array ? input : Float32Array.from(input);
}

const other = (model: ModelName): ModelName =>
  model === "mlp" ? "deep-cnn" : "mlp";

/** One model's answer (with the MLP's layers): on the device when it is open there, else the API. */
async function answerOf(
  engine: DeviceEngine | null,
  model: ModelName,
  input: Float32Array,
  signal?: AbortSignal,
): Promise<Answer> {
  const activations = model === "mlp";
  if (engine?.models().includes(model)) {
    const [answer] = await engine.predict(model, input, { activations });
    return answer;
  }
  return activations
    ? await predictTraced(input, signal)
    : await predict(input, { model, signal });
}

/**
 * The other model's answer through the API, or none when the server cannot
 * be reached (offline, with only the first model on the device): the
 * device's answer stands alone then. The server's own refusals still throw.
 */
async function unreachable<T>(asking: Promise<T>): Promise<T | null> {
  try {
    return await asking;
  } catch (error) {
    if (error instanceof Error && error.message === OFFLINE) return null;
    throw error;
  }
}

/** Both answers from the first one: the other model asked unless stale. */
async function completed(
  engine: DeviceEngine | null,
  input: Float32Array,
  early: EarlyAnswer,
  options: PredictBothOptions,
): Promise<Reading | null> {
  options.early?.(early, input);
  if (options.stale?.()) return null;
  const second = other(early.model);
  const onDevice = engine?.models().includes(second) ?? false;
  const asking = answerOf(engine, second, input, options.signal);
  const found = engine && !onDevice ? await unreachable(asking) : await asking;
  const answers: Answers = { [early.model]: early.answer };
  if (found) {
    const { activations: _, ...answer } = found;
    answers[second] = answer;
  }
  return {
    input,
    answers,
    activations: early.activations ?? found?.activations ?? null,
    where: onDevice || !found ? "device" : "server",
  };
}

/**
 * Both answers for an input one model has answered: the other one asked on
 * the device if it is open there, else through the API.
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 */
export async function completeReading(
  input: Float32Array,
  found: EarlyAnswer,
  signal?: AbortSignal,
): Promise<Reading> {
  return (await completed(deviceEngine(), input, found, { signal }))!;
}

/** The shown model's answer, with its layers apart. */
function early(model: ModelName, found: Answer): EarlyAnswer {
  const { activations, ...answer } = found;
  return { model, answer, activations };
}

/**
 * Both models' answers for 784 pixels and the MLP's layers: on the device
 * (the `first` model's answer handed to `early` before the other runs), or
 * through the API in one request per model.
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 * @throws {DOMException} AbortError when `signal` aborts a request.
 */
export async function predictBoth(
  input: ArrayLike<number>,
  options: PredictBothOptions = {},
): Promise<Reading> {
  const engine = deviceEngine();
  const pixels = floats(input);
  if (engine) {
    const first = options.first ?? "mlp";
    const answer = await answerOf(engine, first, pixels, options.signal);
    const found = early(first, answer);
    return (await completed(engine, pixels, found, {
      ...options,
      stale: undefined,
    }))!;
  }
  const [mlp, deep] = await Promise.all([
    predictTraced(pixels, options.signal),
    predict(pixels, { model: "deep-cnn", signal: options.signal }),
  ]);
  const { activations = null, ...answer } = mlp;
  return {
    input: pixels,
    answers: { mlp: answer, "deep-cnn": deep },
    activations,
    where: "server",
  };
}

/**
 * A drawing read and answered: on the device, its strokes go to the engine's
 * worker, which reads them and answers with the shown model (or the MLP
 * while that one is not open); else they are read here and sent to the API.
 * Null when the drawing holds no ink — or, with `stale`, when a newer
 * drawing waits once the first answer is in (`early` has had it).
 *
 * @throws {Error} With the server's message when the API answers 4xx/5xx.
 */
export async function readDrawing(
  strokes: Stroke[],
  options: PredictBothOptions = {},
): Promise<Reading | null> {
  const engine = deviceEngine();
  if (!engine) {
    const input = readStrokes(strokes);
    return input && await predictBoth(input, options);
  }
  const first = options.first ?? "mlp";
  const reader = engine.models().includes(first) ? first : "mlp";
  const read = await engine.read(strokes, reader, {
    activations: reader === "mlp",
  });
  if (!read) return null;
  const found = early(reader, read.answer);
  return await completed(engine, read.input, found, options);
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
  if (!engine?.models().includes(model)) {
    return await predict(pixels, { model });
  }
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
  if (!engine?.models().includes(model)) {
    return await predictBytes(bytes, { model });
  }
  return await engine.predict(model, Float32Array.from(bytes, (b) => b / 255));
}
