/**
 * Sessions that run in the inference worker (lib/runtime/_infer_worker.ts): the
 * same {@linkcode Session} interface as lib/infer/session.ts, so the registry
 * and the batcher do not know the difference, but the wasm computes on its
 * own thread and the event loop is never held by a run. One worker serves
 * every model of the process; it starts on first use (main.ts asks for it
 * first thing, so onnxruntime-web starts while the app's modules load) and is
 * terminated when the last of its sessions is released.
 *
 * @module
 */

import type { Prediction, Session } from "../infer/mod.ts";
import { receiveError } from "../errors.ts";
import { LARGE_BUFFER, workFloats } from "../large_buffer.ts";
import type { Pixels } from "../input/mod.ts";
import type { InferReply, InferRequest } from "./_infer_worker.ts";

// onnxruntime-web, where it runs in this thread, replaces globalThis.Worker
// with node:worker_threads' when it starts: keep the web's
const WebWorker = globalThis.Worker;

type Pending = {
  resolve: (reply: InferReply & { ok: true }) => void;
  reject: (error: unknown) => void;
};

/** What a worker's client needs to send requests and receive answers. */
interface Client {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The models asked for, opened or opening. */
  opening: Map<string, Promise<InferReply & { ok: true }>>;
  /** How many sessions not yet released each model has. */
  users: Map<string, number>;
}

let client: Client | undefined;
let nextId = 1;

/**
 * Inputs the worker gave back, by length, for the next runs of that length:
 * a batch goes to the worker in runs of the same size (100 images for the
 * MLP), and a new buffer for each run was ArrayBuffer memory that brings the
 * event loop's next full garbage collection nearer (see `ownBytes` in
 * lib/large_buffer.ts). Plain buffers only (work buffers from a megabyte up
 * go back to the system), at most {@linkcode SPARE_BYTES} in all.
 */
const spare = new Map<number, Float32Array<ArrayBuffer>[]>();
let spareBytes = 0;

/** The most bytes of inputs kept for reuse: 4 MiB. */
const SPARE_BYTES = 4 * 2 ** 20;

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
function inputBuffer(length: number): Float32Array<ArrayBuffer> {
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
function keepInput(data: Float32Array): void {
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

/**
 * Starts the inference worker (if not running) and has it open the named
 * models now, so onnxruntime-web starts while the rest of the server loads;
 * {@linkcode openModelInWorker} then takes the sessions it opened.
 */
export function startInferWorker(names: readonly string[] = []): void {
  for (const name of names) opening(name).catch(() => {});
}

function opening(name: string): Promise<InferReply & { ok: true }> {
  const current = connect();
  let open = current.opening.get(name);
  if (!open) {
    open = send({ op: "open", name });
    current.opening.set(name, open);
    open.catch(() => current.opening.delete(name));
  }
  return open;
}

function connect(): Client {
  if (client) return client;
  const worker = new WebWorker(new URL("./_infer_worker.ts", import.meta.url), {
    type: "module",
  });
  const pending = new Map<number, Pending>();
  const started: Client = {
    worker,
    pending,
    opening: new Map(),
    users: new Map(),
  };
  worker.onmessage = (event: MessageEvent<InferReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(receiveError(reply, "inference worker"));
  };
  const fail = (event: Event) => {
    event.preventDefault();
    const message = event instanceof ErrorEvent ? event.message : event.type;
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`The inference worker stopped: ${message}`));
    }
    pending.clear();
    worker.terminate();
    if (client === started) client = undefined;
  };
  worker.onerror = fail;
  worker.onmessageerror = fail;
  client = started;
  return started;
}

/** A request without its id (which `send` gives it). */
type Unsent<R = InferRequest> = R extends unknown ? Omit<R, "id"> : never;

function send(
  request: Unsent,
  transfer: Transferable[] = [],
): Promise<InferReply & { ok: true }> {
  const { worker, pending } = connect();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...request, id }, { transfer });
  });
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
  const { names } = await opening(name);
  const { inputNames, outputNames } = names!;
  const users = client!.users;
  users.set(name, (users.get(name) ?? 0) + 1);
  let released = false;
  return {
    name,
    inputNames,
    outputNames,
    async predict(pixels: Pixels, extra: readonly string[] = []) {
      if (released) throw new Error(`The ${name} session was released`);
      // the model opened already (or again, in a new worker if one failed)
      await opening(name);
      // a copy of its rows alone, moved (not copied again) to the worker,
      // which gives the buffer back: the caller keeps its pixels
      const data = inputBuffer(pixels.data.length);
      data.set(pixels.data);
      const reply = await send({ op: "predict", name, data, extra }, [
        data.buffer,
      ]);
      if (reply.data) keepInput(reply.data);
      return reply.prediction as Prediction;
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
      const current = client;
      if (!current || current.users !== users) return; // that worker is gone
      current.opening.delete(name);
      await send({ op: "release", name });
      if (current.opening.size === 0 && current.pending.size === 0) {
        current.worker.terminate();
        if (client === current) client = undefined;
      }
    },
  };
}
