/**
 * The device engine, bundled on its own into static/engine.js and imported by
 * the page only once it is interactive: the server's own inference module
 * (lib/infer) on onnxruntime-web's WASM SIMD backend, over the wasm and the
 * ONNX models the server serves under content-hashed URLs.
 *
 * @module
 */

import { type Answer, answersOf } from "../../lib/infer/answer.ts";
import { createSession, type Session } from "../../lib/infer/session.ts";
import { pixelsFromFloats } from "../../lib/input/pixels.ts";
import { MODEL_NAMES, type ModelName, MODELS } from "../../lib/models.ts";

/** Where the engine's files are: the server's content-hashed URLs. */
export interface EngineFiles {
  /** onnxruntime-web's ort-wasm-simd-threaded.wasm. */
  wasm: string;
  /** Each model's ONNX file. */
  models: Record<ModelName, string>;
}

/** Options of {@linkcode DeviceEngine.predict}. */
export interface DevicePredictOptions {
  /** Also return the hidden layers (the MLP's a1, z1, a2, z2, a3). */
  activations?: boolean;
}

/** Both models, loaded in this page. */
export interface DeviceEngine {
  /**
   * Reads N images (N×784 values in [0, 1]) with a model; the answers are
   * those the API gives, number for number.
   *
   * @throws {ClientError} When a value is outside [0, 1] or the length is not N×784.
   */
  predict(
    model: ModelName,
    pixels: Float32Array,
    options?: DevicePredictOptions,
  ): Promise<Answer[]>;
}

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`Cannot load ${url}: ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Downloads both models and opens them with onnxruntime-web, which streams
 * and compiles its wasm from `files.wasm` on the first one.
 *
 * @throws {Error} When a file cannot be loaded or onnxruntime cannot start.
 */
export async function openEngine(files: EngineFiles): Promise<DeviceEngine> {
  const downloads = MODEL_NAMES.map((name) => download(files.models[name]));
  downloads.forEach((download) => download.catch(() => {}));
  const sessions = {} as Record<ModelName, Session>;
  for (const [i, name] of MODEL_NAMES.entries()) {
    sessions[name] = await createSession({
      name,
      model: await downloads[i],
      wasm: files.wasm,
      imageShape: MODELS[name].imageShape,
    });
  }
  return {
    async predict(model, pixels, options = {}) {
      const extra = options.activations ? MODELS[model].activations : [];
      const prediction = await sessions[model].predict(
        pixelsFromFloats(pixels),
        extra,
      );
      return answersOf(prediction);
    },
  };
}
