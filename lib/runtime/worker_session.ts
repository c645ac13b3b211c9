/**
 * Sessions that run in the inference worker (lib/runtime/_infer_worker.ts):
 * the same {@linkcode Session} interface as lib/infer/session.ts, so the
 * registry and the batcher do not know the difference, but the wasm computes
 * on its own thread and the event loop is never held by a run. One worker
 * serves every model of the process; it starts on first use (or when
 * main.ts asks for it) and is terminated when the last of its sessions is
 * released. onnxruntime-web's wasm is compiled on this side
 * (`compileRuntime`, which main.ts starts first thing) and the compiled
 * module sent with each "open": V8 shares it between the threads, so the
 * worker only instantiates it, and a worker started again after a failure
 * does not compile it again. If it fails, the runs in it are refused (a bug,
 * a 500) and the next run starts a new one, which opens its model again.
 *
 * @module
 */

import type { Prediction, Session } from "../infer/mod.ts";
import type { Pixels } from "../input/mod.ts";
import { OffThread } from "../worker/mod.ts";
import type {
  OpenJob,
  PredictAnswer,
  PredictJob,
  SessionNames,
} from "./_infer_worker.ts";
import { LARGE_BUFFER, workFloats } from "../large_buffer.ts";
import { compileRuntime } from "./model_files.ts";

/** The models asked of the worker now running, opened or opening. */
const opening = new Map<string, Promise<SessionNames>>();
/** How many sessions not yet released each model has. */
const users = new Map<string, number>();

const worker = new OffThread({
  url: new URL("./_infer_worker.ts", import.meta.url),
  name: "inference worker",
  // a new worker holds no model: each is opened again when next asked for
  onStop: () => opening.clear(),
});

/**
 * Starts the inference worker (if not running), loading onnxruntime-web's
 * JS, and has it open the named models as soon as the wasm is compiled;
 * {@linkcode openModelInWorker} then takes the sessions it opened.
 */
export function startInferWorker(names: readonly string[] = []): void {
  // started by a first job: onnxruntime-web's JS loaded
  worker.call("load", undefined).catch(() => {});
  for (const name of names) opened(name).catch(() => {});
}

/** onnxruntime-web's compiled wasm, or none (the worker then compiles it). */
const compiled = () => compileRuntime().catch(() => undefined);

function opened(name: string): Promise<SessionNames> {
  let open = opening.get(name);
  if (!open) {
    open = compiled().then((wasm) =>
      worker.call<SessionNames>("open", { name, wasm } satisfies OpenJob)
    );
    opening.set(name, open);
    open.catch(() => {
      if (opening.get(name) === open) opening.delete(name);
    });
  }
  return open;
}

/** Releases a model in the worker; the worker ends with its last model. */
async function releaseModel(name: string): Promise<void> {
  opening.delete(name);
  if (!worker.running) return; // that worker is gone, and the model with it
  await worker.call("release", { name });
  if (opening.size === 0 && worker.stats.busy === 0) worker.close();
}

/**
 * Opens a served model in the inference worker (reading its ONNX file and
 * onnxruntime-web's wasm there) and returns a session whose runs go to it, in
 * the order they are asked, one at a time.
 *
 * @throws {ClientError} 404 when no model has that name.
 * @throws {Error} When onnxruntime-web cannot load the runtime or the model.
 */
export async function openModelInWorker(name: string): Promise<Session> {
  const { inputNames, outputNames } = await opened(name);
  users.set(name, (users.get(name) ?? 0) + 1);
  let released = false;
  return {
    name,
    inputNames,
    outputNames,
    async predict(pixels: Pixels, extra: readonly string[] = []) {
      if (released) throw new Error(`The ${name} session was released`);
      // the model opened already (or again, in a new worker if one failed)
      await opened(name);
      // a copy of its rows alone, moved (not copied again) to the worker,
      // which gives the buffer back: the caller keeps its pixels
      const data = inputBuffer(pixels.data.length);
      data.set(pixels.data);
      const answer = await worker.call<PredictAnswer>(
        "predict",
        { name, data, extra } satisfies PredictJob,
        { transfer: [data.buffer] },
      );
      keepInput(answer.data);
      return answer.prediction as Prediction;
    },
    // the model is closed in the worker when its last session is released,
    // and the worker terminated when it has no model left
    async release() {
      if (released) return;
      released = true;
      const left = (users.get(name) ?? 1) - 1;
      if (left > 0) {
        users.set(name, left);
        return;
      }
      users.delete(name);
      await releaseModel(name);
    },
  };
}

// Inputs the inference worker gave back, by length, for the next runs of
// that length: a batch goes to the worker in runs of the same size, and a
// new buffer for each run was ArrayBuffer memory that brought the event
// loop's next full garbage collection nearer (see `ownBytes` in
// lib/large_buffer.ts). Plain buffers only (work buffers from a megabyte up
// go back to the system), at most SPARE_BYTES in all.

/** The most bytes of inputs kept for reuse: 4 MiB. */
export const SPARE_BYTES = 4 * 2 ** 20;

const spare = new Map<number, Float32Array<ArrayBuffer>[]>();
let spareBytes = 0;

/**
 * The inputs kept for reuse now: how many, their bytes, and the lengths kept
 * (in values), the least lately used first.
 */
export function spareInputs(): {
  buffers: number;
  bytes: number;
  lengths: number[];
} {
  let buffers = 0;
  const lengths: number[] = [];
  for (const [length, list] of spare) {
    buffers += list.length;
    if (list.length) lengths.push(length);
  }
  return { buffers, bytes: spareBytes, lengths };
}

/** A buffer for an input of `length` values: one given back, or a new one. */
export function inputBuffer(length: number): Float32Array<ArrayBuffer> {
  const reused = spare.get(length)?.pop();
  if (!reused) return workFloats(length);
  spareBytes -= reused.byteLength;
  return reused;
}

/**
 * Keeps an input the worker gave back, if it is a plain buffer under a
 * megabyte; to make room, the lengths used least lately are let go first (a
 * length is moved to the back of the map whenever a buffer of it is kept).
 */
export function keepInput(data: Float32Array): void {
  const buffer = data.buffer;
  if (
    !(buffer instanceof ArrayBuffer) || buffer.resizable ||
    buffer.byteLength !== data.byteLength || data.byteLength >= LARGE_BUFFER
  ) return; // (under a megabyte, so always under SPARE_BYTES)
  const list = spare.get(data.length) ?? [];
  spare.delete(data.length);
  while (spareBytes + data.byteLength > SPARE_BYTES && spare.size > 0) {
    const [length, oldest] = spare.entries().next().value!;
    const dropped = oldest.shift();
    if (dropped) spareBytes -= dropped.byteLength;
    if (oldest.length === 0) spare.delete(length);
  }
  while (spareBytes + data.byteLength > SPARE_BYTES && list.length > 0) {
    spareBytes -= list.shift()!.byteLength;
  }
  list.push(data as Float32Array<ArrayBuffer>);
  spare.set(data.length, list);
  spareBytes += data.byteLength;
}
