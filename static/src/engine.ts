/**
 * The device engine's worker, bundled on its own into static/engine.js and
 * started by the page (engine_client.ts) once it is interactive: the
 * server's own inference module (lib/infer) on onnxruntime-web's WASM SIMD
 * backend, and the reading of drawings (read_strokes.ts), off the page's
 * main thread. onnxruntime's wasm streams and compiles here, each model
 * opens here when the page asks for it, and a drawing comes as its strokes
 * and goes back as the 784 inputs the networks saw with the answer. The
 * jobs are a table over lib/worker's protocol, done one at a time.
 *
 * @module
 */

import { type Answer, answersOf } from "../../lib/infer/answer.ts";
import { createSession, type Session } from "../../lib/infer/session.ts";
import { pixelsFromFloats } from "../../lib/input/pixels.ts";
import { type ModelName, MODELS } from "../../lib/models.ts";
import { serveJobs } from "../../lib/worker/mod.ts";
import {
  type PackedStrokes,
  readStrokes,
  unpackStrokes,
} from "./read_strokes.ts";
import { type RunJob, runTestSet } from "./test_set_job.ts";

/** What the `open` job takes: a model, and the wasm on the first one. */
export interface OpenJob {
  name: ModelName;
  /** The model's bytes, or its URL for the worker to download. */
  model: Uint8Array | string;
  /** onnxruntime-web's wasm URL (streamed and compiled on the first model). */
  wasm: string;
  /** Hears how many bytes of the wasm and the model have arrived, as they do. */
  progress?: MessagePort;
}

/** What the `predict` job takes: N×784 values in [0, 1]. */
export interface PredictJob {
  model: ModelName;
  pixels: Float32Array;
  /** Also the hidden layers (the MLP's a1, z1, a2, z2, a3). */
  activations?: boolean;
}

/** What the `read` job takes: a drawing, and the model that reads it. */
export interface ReadJob {
  strokes: PackedStrokes;
  model: ModelName;
  activations?: boolean;
}

/** What the `read` job gives: the inputs the model saw and its answer; null without ink. */
export type ReadResult = { input: Float32Array; answer: Answer } | null;

const sessions: Partial<Record<ModelName, Session>> = {};

/** A stream that tells `heard` how many bytes went through it. */
function counter(heard: (bytes: number) => void) {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      heard(chunk.length);
      controller.enqueue(chunk);
    },
  });
}

/**
 * Counts the bytes of the wasm as onnxruntime fetches it (its Emscripten
 * glue calls `fetch` and compiles the response as it streams): the one
 * response is handed on through a counting stream, headers kept.
 */
function countWasm(url: string, heard: (bytes: number) => void) {
  const fetched = globalThis.fetch;
  const wanted = new URL(url, location.href).href;
  globalThis.fetch = async (input, init) => {
    const response = await fetched(input, init);
    const asked = input instanceof Request ? input.url : String(input);
    if (new URL(asked, location.href).href !== wanted || !response.body) {
      return response;
    }
    globalThis.fetch = fetched;
    return new Response(response.body.pipeThrough(counter(heard)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return () => void (globalThis.fetch = fetched);
}

/** Downloads a model, telling `heard` of its bytes as they come. */
async function download(
  url: string,
  heard: (bytes: number) => void,
): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new Error(`Cannot load ${url}: ${response.status}`);
  }
  const counted = new Response(response.body.pipeThrough(counter(heard)));
  return new Uint8Array(await counted.arrayBuffer());
}

async function open(job: OpenJob) {
  const heard = (bytes: number) => job.progress?.postMessage(bytes);
  const restore = countWasm(job.wasm, heard);
  try {
    const model = typeof job.model === "string"
      ? await download(job.model, heard)
      : job.model;
    sessions[job.name] = await createSession({
      name: job.name,
      model,
      wasm: job.wasm,
      imageShape: MODELS[job.name].imageShape,
    });
  } finally {
    restore();
    job.progress?.close();
  }
  return { value: null };
}

async function predict(
  { model, pixels, activations }: PredictJob,
): Promise<Answer[]> {
  const session = sessions[model];
  if (!session) throw new Error(`Model ${model} is not open on this device`);
  const extra = activations ? MODELS[model].activations : [];
  return answersOf(await session.predict(pixelsFromFloats(pixels), extra));
}

serveJobs({
  open,
  testSet: (job: RunJob) => runTestSet(job, () => sessions.mlp),
  predict: async (job: PredictJob) => ({ value: await predict(job) }),
  async read({ strokes, model, activations }: ReadJob) {
    const input = readStrokes(unpackStrokes(strokes));
    if (!input) return { value: null };
    const [answer] = await predict({
      model,
      pixels: input.slice(),
      activations,
    });
    const value: ReadResult = { input, answer };
    return { value, transfer: [input.buffer] };
  },
});
