/**
 * The module Worker of lib/runtime/worker_session.ts: it holds the server's
 * onnxruntime-web sessions, so that the networks compute on a thread of their
 * own while the event loop goes on reading requests and writing answers (as
 * Triton keeps its model instances apart from its HTTP front end). It opens a
 * model when asked, runs one request at a time in the order they came, and
 * posts back the outputs with their buffers transferred (and the input's, for
 * the server to use again), or the client's
 * mistake as status and message so that the server throws the same ClientError.
 *
 * @module
 */

import type { Prediction, Session } from "../infer/mod.ts";
import { type PostedError, postError } from "../errors.ts";
import { pixelsFromFloats } from "../input/mod.ts";
import { openModel } from "./model_files.ts";

/** What the server asks of the worker. */
export type InferRequest =
  | { op: "open"; id: number; name: string }
  | {
    op: "predict";
    id: number;
    name: string;
    /** N×784 pixels, already checked by lib/input/pixels.ts on the server's side. */
    data: Float32Array;
    extra: readonly string[];
  }
  | { op: "release"; id: number; name: string };

/** What the worker answers, by the request's id. */
export type InferReply =
  | {
    id: number;
    ok: true;
    names?: { inputNames: string[]; outputNames: string[] };
    prediction?: Prediction;
    /** A prediction's input, given back for the server's next run of its size. */
    data?: Float32Array;
  }
  | ({ id: number; ok: false } & PostedError);

const sessions = new Map<string, Promise<Session>>();

function session(name: string): Promise<Session> {
  const open = sessions.get(name);
  if (!open) throw new Error(`Model ${name} is not open in the worker`);
  return open;
}

async function answer(request: InferRequest): Promise<InferReply> {
  const { id } = request;
  if (request.op === "open") {
    let open = sessions.get(request.name);
    if (!open) {
      open = openModel(request.name);
      sessions.set(request.name, open);
      open.catch(() => sessions.delete(request.name));
    }
    const { inputNames, outputNames } = await open;
    return {
      id,
      ok: true,
      names: { inputNames: [...inputNames], outputNames: [...outputNames] },
    };
  }
  if (request.op === "release") {
    const open = sessions.get(request.name);
    sessions.delete(request.name);
    await (await open)?.release();
    return { id, ok: true };
  }
  // the pixels were checked on the server's side; this check is the brand
  // (a linear scan of values that are known to pass, cheap beside the run)
  const pixels = pixelsFromFloats(request.data);
  const prediction = await (await session(request.name)).predict(
    pixels,
    request.extra,
  );
  return { id, ok: true, prediction, data: request.data };
}

/** The buffers of a reply's arrays, moved with it. */
function buffersOf(reply: InferReply & { ok: true }): ArrayBuffer[] {
  const { prediction, data } = reply;
  const buffers = new Set<ArrayBuffer>();
  if (data) buffers.add(data.buffer as ArrayBuffer);
  if (!prediction) return [...buffers];
  const tensors = [
    prediction.probabilities,
    ...Object.values(prediction.outputs),
  ];
  for (const tensor of tensors) buffers.add(tensor.data.buffer as ArrayBuffer);
  buffers.add(prediction.digits.buffer as ArrayBuffer);
  return [...buffers];
}

// one request at a time, in order: runs of a session must not overlap
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<InferRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    let reply: InferReply;
    try {
      reply = await answer(request);
    } catch (error) {
      reply = { id: request.id, ok: false, ...postError(error) };
    }
    const transfer = reply.ok ? buffersOf(reply) : [];
    self.postMessage(reply, { transfer });
  });
};
