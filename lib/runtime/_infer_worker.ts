/**
 * The inference worker (lib/runtime/worker_session.ts): it holds the
 * server's onnxruntime-web sessions, so that the networks compute on a thread
 * of their own while the event loop goes on reading requests and writing
 * answers (as Triton keeps its model instances apart from its HTTP front
 * end). Four jobs of lib/worker's table — load onnxruntime-web, open a
 * model, predict, release — done one at a time in the order they came; a prediction's outputs go back
 * with their buffers moved, and its input's too, for the server's next run
 * of that size.
 *
 * @module
 */

import type { Prediction, Session } from "../infer/mod.ts";
import { pixelsFromFloats } from "../input/pixels.ts";
import { type Answer, serveJobs } from "../worker/mod.ts";
import { importRuntime, openModel } from "./model_files.ts";

// first thing: onnxruntime-web's JS loaded, while the server's side compiles
// its wasm (lib/runtime/worker_session.ts) and sends it with "open"
importRuntime();

/**
 * What `open` asks: the model's name, and onnxruntime-web's wasm compiled
 * (V8 shares a compiled module between threads); without it, this worker
 * reads and compiles the wasm itself.
 */
export interface OpenJob {
  name: string;
  wasm?: WebAssembly.Module;
}

/** The names a model's session has, as `open` answers them. */
export interface SessionNames {
  inputNames: string[];
  outputNames: string[];
}

/** What `predict` asks: N×784 pixels, already checked on the server's side. */
export interface PredictJob {
  name: string;
  data: Float32Array;
  extra: readonly string[];
}

/** What `predict` answers: the prediction, and the input given back. */
export interface PredictAnswer {
  prediction: Prediction;
  data: Float32Array;
}

const sessions = new Map<string, Promise<Session>>();

async function open(
  { name, wasm }: OpenJob,
): Promise<Answer<SessionNames>> {
  let opening = sessions.get(name);
  if (!opening) {
    opening = openModel(name, wasm);
    sessions.set(name, opening);
    opening.catch(() => sessions.delete(name));
  }
  const { inputNames, outputNames } = await opening;
  return {
    value: { inputNames: [...inputNames], outputNames: [...outputNames] },
  };
}

async function predict(
  { name, data, extra }: PredictJob,
): Promise<Answer<PredictAnswer>> {
  const session = sessions.get(name);
  if (!session) throw new Error(`Model ${name} is not open in the worker`);
  // the pixels were checked on the server's side; this check is the brand
  // (a linear scan of values that are known to pass, cheap beside the run)
  const prediction = await (await session).predict(
    pixelsFromFloats(data),
    extra,
  );
  const buffers = new Set<ArrayBuffer>([data.buffer as ArrayBuffer]);
  for (
    const tensor of [
      prediction.probabilities,
      ...Object.values(prediction.outputs),
    ]
  ) {
    buffers.add(tensor.data.buffer as ArrayBuffer);
  }
  buffers.add(prediction.digits.buffer as ArrayBuffer);
  return { value: { prediction, data }, transfer: [...buffers] };
}

async function release({ name }: { name: string }): Promise<Answer<void>> {
  const session = sessions.get(name);
  sessions.delete(name);
  await (await session)?.release();
  return { value: undefined };
}

/** Loads onnxruntime-web's JS (at the worker's start already). */
async function load(): Promise<Answer<void>> {
  await importRuntime();
  return { value: undefined };
}

serveJobs({ load, open, predict, release });
