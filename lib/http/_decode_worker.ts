/**
 * The module Worker of lib/http/_decode_pool.ts: says "ready" once loaded,
 * then reads one body at a time and posts back the result (its buffer
 * transferred, not copied) or the client's mistake as status, message and
 * headers, so that the pool can throw the same ClientError on the server's
 * side. A body is a picture ({@linkcode decodeImage}, and
 * {@linkcode toMnistInput} when asked), a large JSON body — a predict body
 * ({@linkcode readPredictJson}) or a V2 infer request
 * ({@linkcode readInferRequest}) — or a compressed body
 * ({@linkcode inflateBody}): work of tens of milliseconds that would
 * otherwise hold the event loop.
 *
 * @module
 */

import { type PostedError, postError } from "../errors.ts";
import {
  type InferTarget,
  readInferRequest,
  type RequestedOutput,
  splitBinaryRequest,
} from "../v2/mod.ts";
import {
  type BodyFormat,
  decodeImage,
  inflateBody,
  readPredictJson,
  type RgbaImage,
  toMnistInput,
} from "../input/mod.ts";

/** What the pool asks: one body, and what to make of it. */
export type DecodeRequest =
  | {
    bytes: Uint8Array;
    maxPixels?: number;
    /** "rgba": the decoded image; "mnist": the 784 inputs of the network. */
    output: "rgba" | "mnist";
  }
  | {
    bytes: Uint8Array;
    /** The JSON body of `POST /api/predict`. */
    output: "predict";
  }
  | {
    bytes: Uint8Array;
    /** A compressed body, inflated to at most `limit` bytes. */
    output: "inflate";
    format: BodyFormat;
    limit: number;
    /** What the body is, for a 413's message. */
    what: string;
  }
  | {
    bytes: Uint8Array;
    /** A V2 infer request: JSON, or a JSON header and binary data. */
    output: "infer";
    /** `Inference-Header-Content-Length`, when the body has binary data. */
    headerLength?: number;
    target: InferTarget;
  };

/** A JSON body read: its pixels (N×784, checked) and what else it said. */
export interface ReadJson {
  pixels: Float32Array;
  /** A predict body: whether it held one image rather than a batch. */
  single?: boolean;
  /** An infer request: the outputs asked for, and its id. */
  outputs?: RequestedOutput[];
  id?: string;
}

/** What the worker answers: the result, the client's mistake, or a bug. */
export type DecodeReply =
  | {
    ok: true;
    image?: RgbaImage;
    input?: Float32Array;
    json?: ReadJson;
    bytes?: Uint8Array;
  }
  | ({ ok: false } & PostedError);

/** The reply to a request, and the buffer it moves. */
function read(request: DecodeRequest): [DecodeReply, ArrayBuffer] {
  if (request.output === "inflate") {
    const { format, limit, what } = request;
    const bytes = inflateBody(request.bytes, format, limit, what);
    return [{ ok: true, bytes }, bytes.buffer];
  }
  if (request.output === "predict") {
    const { pixels, single } = readPredictJson(request.bytes);
    const json = { pixels: pixels.data, single };
    return [{ ok: true, json }, pixels.data.buffer as ArrayBuffer];
  }
  if (request.output === "infer") {
    const { header, inputs } = splitBinaryRequest(
      request.bytes,
      request.headerLength,
    );
    const { pixels, outputs, id } = readInferRequest(
      header,
      inputs[0],
      request.target,
    );
    const json = { pixels: pixels.data, outputs, id };
    return [{ ok: true, json }, pixels.data.buffer as ArrayBuffer];
  }
  const image = decodeImage(request.bytes, { maxPixels: request.maxPixels });
  if (request.output === "mnist") {
    const input = toMnistInput(image);
    return [{ ok: true, input }, input.buffer as ArrayBuffer];
  }
  let data = image.data as Uint8Array;
  if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) {
    data = data.slice(); // a view into a larger buffer: send only its bytes
  }
  return [{ ok: true, image: { ...image, data } }, data.buffer as ArrayBuffer];
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  let reply: DecodeReply;
  let moved: ArrayBuffer;
  try {
    [reply, moved] = read(event.data);
  } catch (error) {
    self.postMessage({ ok: false, ...postError(error) } satisfies DecodeReply);
    return;
  }
  self.postMessage(reply, { transfer: [moved] });
};

// the pool's clock starts now: loading (and under deno test, type-checking)
// these modules is not the image's time
self.postMessage("ready");
