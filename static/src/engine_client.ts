/**
 * The page's side of the device engine: the worker of static/engine.js
 * (engine.ts) started through lib/worker's protocol, each model opened in it
 * when asked, and the calls the page makes of it — read a drawing from its
 * strokes, predict pixels. Nothing here runs a network or imports
 * onnxruntime: the page's main thread only posts and receives.
 *
 * @module
 */

import type { Answer } from "../../lib/infer/answer.ts";
import type { Stroke } from "../../lib/input/strokes.ts";
import { MODEL_NAMES, type ModelName } from "../../lib/models.ts";
import { OffThread } from "../../lib/worker/mod.ts";
import type { OpenJob, PredictJob, ReadJob, ReadResult } from "./engine.ts";
import { packStrokes } from "./read_strokes.ts";
import type { RunJob, RunProgress, RunResult } from "./test_set_job.ts";

export type { ReadResult };

/** Where the engine's files are: the server's content-hashed URLs. */
export interface EngineFiles {
  /** The worker's script (static/engine.js). */
  engine: string;
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

/** Options of {@linkcode DeviceEngine.open}. */
export interface OpenOptions {
  /** Hears the bytes of the wasm and the model (as they are, not as sent) as they arrive. */
  progress?(bytes: number): void;
}

/** The networks in a worker of this page. */
export interface DeviceEngine {
  /** The models open on the device. */
  models(): ModelName[];
  /**
   * Opens a model in the worker (the first one also brings onnxruntime's
   * wasm); opening an open model does nothing.
   *
   * @throws {Error} When a file cannot be loaded or onnxruntime cannot start.
   */
  open(model: ModelName, options?: OpenOptions): Promise<void>;
  /**
   * Reads N images (N×784 values in [0, 1]) with an open model; the answers
   * are those the API gives, number for number.
   *
   * @throws {ClientError} When a value is outside [0, 1] or the length is not N×784.
   */
  predict(
    model: ModelName,
    pixels: Float32Array,
    options?: DevicePredictOptions,
  ): Promise<Answer[]>;
  /** Reads a drawing from its strokes with an open model: the 784 inputs and the answer, or null without ink. */
  read(
    strokes: Stroke[],
    model: ModelName,
    options?: DevicePredictOptions,
  ): Promise<ReadResult>;
  /**
   * Runs the book's accuracy loop over the test set at `url` with the MLP
   * (test_set_job.ts), telling `heard` after each batch; `signal` stops it
   * between two batches.
   */
  runTestSet(
    run: { url: string; batchSize: number; signal?: AbortSignal },
    heard: (progress: RunProgress) => void,
  ): Promise<RunResult>;
}

/**
 * Starts the engine's worker; opens `models` (none by default: the page
 * opens them when it needs them).
 */
export async function openEngine(
  files: EngineFiles,
  models: readonly ModelName[] = [],
): Promise<DeviceEngine> {
  const url = new URL(files.engine, location.href);
  const worker = new OffThread({
    url,
    name: "device engine",
    spawn: () => new Worker(url, { type: "module" }),
  });
  const opened = new Map<ModelName, Promise<void>>();
  const ready = new Set<ModelName>();
  const engine: DeviceEngine = {
    models: () => MODEL_NAMES.filter((name) => ready.has(name)),
    open(name, options = {}) {
      let opening = opened.get(name);
      if (!opening) {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = (event) => options.progress?.(event.data);
        const job: OpenJob = {
          name,
          model: files.models[name],
          wasm: files.wasm,
          progress: port2,
        };
        opening = worker.call<null>("open", job, { transfer: [port2] }).then(
          () => void ready.add(name),
        ).finally(() => port1.close());
        opening.catch(() => opened.delete(name));
        opened.set(name, opening);
      }
      return opening;
    },
    predict(model, pixels, options = {}) {
      const job: PredictJob = { model, pixels, ...options };
      return worker.call("predict", job);
    },
    read(strokes, model, options = {}) {
      const packed = packStrokes(strokes);
      const job: ReadJob = { strokes: packed, model, ...options };
      const transfer = [packed.points.buffer, packed.lengths.buffer];
      return worker.call("read", job, { transfer });
    },
    runTestSet({ url, batchSize, signal }, heard) {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (event) => heard(event.data);
      const stop = () => port1.postMessage("cancel");
      signal?.addEventListener("abort", stop, { once: true });
      const job: RunJob = { url, batchSize, port: port2 };
      return worker.call<RunResult>("testSet", job, { transfer: [port2] })
        .finally(() => {
          signal?.removeEventListener("abort", stop);
          port1.close();
        });
    },
  };
  for (const name of models) await engine.open(name);
  return engine;
}
