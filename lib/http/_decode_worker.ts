/**
 * The decoding worker (lib/http/decode.ts): lib/input's work and the V2
 * protocol's, each a job of lib/worker's table, for bodies whose reading
 * would hold the event loop for tens of milliseconds — a picture decoded and
 * made the network's input, a large JSON body parsed and checked (a predict
 * body or a V2 infer request), a compressed body inflated. Only the result
 * comes back, its buffer moved.
 *
 * @module
 */

import {
  type BodyFormat,
  decodeImage,
  inflateBody,
  readPredictJson,
  toMnistInput,
} from "../input/mod.ts";
import {
  type InferTarget,
  readInferRequest,
  splitBinaryRequest,
} from "../v2/mod.ts";
import { workCopy, workFloats } from "../large_buffer.ts";
import { type Answer, serveJobs } from "../worker/mod.ts";
import type { RequestedOutput } from "../v2/mod.ts";

/** A JSON body read: its pixels (N×784, checked) and what else it said. */
export interface ReadJson {
  pixels: Float32Array;
  /** A predict body: whether it held one image rather than a batch. */
  single?: boolean;
  /** An infer request: the outputs asked for, and its id. */
  outputs?: RequestedOutput[];
  id?: string;
}

/** What a request to read a JSON body in the worker says. */
export type JsonRequest =
  | { bytes: Uint8Array; output: "predict" }
  | {
    bytes: Uint8Array;
    /** A V2 infer request: JSON, or a JSON header and binary data. */
    output: "infer";
    /** `Inference-Header-Content-Length`, when the body has binary data. */
    headerLength?: number;
    target: InferTarget;
  };

/** What a request to inflate a body in the worker says. */
export interface InflateRequest {
  bytes: Uint8Array;
  format: BodyFormat;
  /** The most bytes it may make. */
  limit: number;
  /** What the body is, for a 413's message (e.g. "JSON body"). */
  what: string;
}

/**
 * A picture made the network's input: 784 values, moved back. A large one
 * is decoded smaller (`reduce`): the input needs no more.
 */
function mnist(
  { bytes, maxPixels }: { bytes: Uint8Array; maxPixels?: number },
): Answer<Float32Array> {
  const input = toMnistInput(decodeImage(bytes, { maxPixels, reduce: true }));
  return { value: input, transfer: [input.buffer] };
}

function inflate(
  { bytes, format, limit, what }: {
    bytes: Uint8Array;
    format: BodyFormat;
    limit: number;
    what: string;
  },
): Answer<Uint8Array> {
  // moved back in a buffer of its own, a work buffer from a megabyte up
  const value = workCopy(inflateBody(bytes, format, limit, what));
  return { value, transfer: [value.buffer] };
}

/**
 * Pixels as they go back: in a buffer of their own, a work buffer from a
 * megabyte up (a batch's pixels are held on the event loop while it runs).
 */
function handedBack(pixels: Float32Array): Float32Array<ArrayBuffer> {
  const copy = workFloats(pixels.length);
  copy.set(pixels);
  return copy;
}

function predict({ bytes }: { bytes: Uint8Array }): Answer<ReadJson> {
  const { pixels, single } = readPredictJson(bytes);
  const value = handedBack(pixels.data);
  return { value: { pixels: value, single }, transfer: [value.buffer] };
}

function infer(
  { bytes, headerLength, target }: {
    bytes: Uint8Array;
    headerLength?: number;
    target: InferTarget;
  },
): Answer<ReadJson> {
  const { header, inputs } = splitBinaryRequest(bytes, headerLength);
  const { pixels, outputs, id } = readInferRequest(header, inputs[0], target);
  const value = handedBack(pixels.data);
  return { value: { pixels: value, outputs, id }, transfer: [value.buffer] };
}

serveJobs({ mnist, inflate, predict, infer });
