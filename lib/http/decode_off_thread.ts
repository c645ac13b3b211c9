/**
 * The server's decoding off the event loop: one {@linkcode DecodePool} for the
 * process, and the calls the routes make of it, so that neither decoding nor
 * preprocessing an upload, nor parsing a large JSON body, runs on the event
 * loop.
 *
 * @module
 */

import {
  type InferRequest,
  type InferTarget,
  readInferRequest,
  splitBinaryRequest,
} from "../v2/mod.ts";
import {
  DecodePool,
  type DecodePoolOptions,
  type OffThreadOptions,
} from "./_decode_pool.ts";
import {
  type BodyFormat,
  pixelsFromFloats,
  type PredictBody,
  readPredictJson,
  type RgbaImage,
} from "../input/mod.ts";

/**
 * JSON over this many bytes (1 MiB) is parsed in the pool's worker: a
 * 1000-image batch, 2–15 MB of text, took 35–150 ms of `JSON.parse` and as
 * much again in garbage collection and checking, and a few of them queued
 * on the event loop kept `/api/health` waiting for 200–500 ms. Smaller
 * bodies (a single image, a batch of about 250 images at most) are parsed
 * where they are, without the worker's round trip.
 */
export const LARGE_JSON = 1024 * 1024;

export type { OffThreadOptions };

let shared: DecodePool | undefined;
let sharedOptions: Partial<DecodePoolOptions> = {};

/**
 * The pool of {@linkcode decodeImageOffThread} and
 * {@linkcode mnistInputOffThread}, shared by the process (1 worker, 16 images
 * waiting at most) and started on first use: its `stats` say what it is doing.
 */
export function sharedDecodePool(): DecodePool {
  // one worker: on a 2-core edge instance the event loop keeps the other core
  // (the inference worker has its own thread)
  shared ??= new DecodePool({ size: 1, ...sharedOptions });
  return shared;
}

/**
 * Sets the options of the {@linkcode sharedDecodePool} before its first use
 * (a test process keeps its worker for good: `{ idleMs: Infinity }`).
 *
 * @throws {Error} When the shared pool has already started.
 */
export function configureSharedDecodePool(
  options: Partial<DecodePoolOptions>,
): void {
  if (shared) throw new Error("The shared decode pool has already started");
  sharedOptions = options;
}

/**
 * Decodes a PNG or JPEG to upright 8-bit RGBA, as `decodeImage` does, in a
 * worker of the {@linkcode sharedDecodePool}, so the event loop goes on
 * answering other requests meanwhile.
 *
 * @throws {ClientError} 400 or 413 as `decodeImage` throws them, with the same
 * message.
 * @throws {ServerBusy} When the pool's queue is full, the time limit passes
 * (the worker is then terminated and replaced) or `signal` aborts.
 *
 * @example
 * ```ts
 * import { encode } from "fast-png";
 * import { decodeImageOffThread, sharedDecodePool } from "./decode_off_thread.ts";
 * const png = encode({ width: 2, height: 1, channels: 1, data: Uint8Array.from([0, 255]) });
 * const image = await decodeImageOffThread(png, { timeoutMs: 5000 });
 * console.assert(image.width === 2 && image.data[4] === 255);
 * sharedDecodePool().close();
 * ```
 */
export function decodeImageOffThread(
  bytes: Uint8Array,
  options: OffThreadOptions = {},
): Promise<RgbaImage> {
  return sharedDecodePool().decode(bytes, options);
}

/**
 * Decodes a PNG or JPEG and makes it the network's input, as
 * `toMnistInput(decodeImage(bytes))` does, in a worker of the
 * {@linkcode sharedDecodePool}: the event loop sees only the 784 values.
 *
 * @returns 784 values in [0, 1], row-major 28×28, white digit on black.
 * @throws {ClientError} As {@linkcode decodeImageOffThread} does, and 422 when
 * the image has no ink.
 */
export function mnistInputOffThread(
  bytes: Uint8Array,
  options: OffThreadOptions = {},
): Promise<Float32Array> {
  return sharedDecodePool().mnistInput(bytes, options);
}

/**
 * Reads the JSON body of `POST /api/predict` as `readPredictJson` does: over
 * {@linkcode LARGE_JSON} bytes in a worker of the {@linkcode sharedDecodePool},
 * at once below.
 *
 * @throws {ClientError} As `readPredictJson` does (400, 422), with the same
 * message.
 * @throws {ServerBusy} As {@linkcode decodeImageOffThread} does.
 */
export async function readPredictJsonOffThread(
  bytes: Uint8Array,
  options: OffThreadOptions = {},
): Promise<PredictBody> {
  if (bytes.length <= LARGE_JSON) return readPredictJson(bytes);
  const { pixels, single } = await sharedDecodePool().readJson(
    { bytes, output: "predict" },
    options,
  );
  // checked again here, so that pixels are only ever made in pixels.ts: a
  // pass over the floats, a millisecond for 1000 images
  return { pixels: pixelsFromFloats(pixels), single: single! };
}

/**
 * Reads a V2 infer request (JSON, or a JSON header of `headerLength` bytes
 * and binary data) as `splitBinaryRequest` and `readInferRequest` do: in a
 * worker of the {@linkcode sharedDecodePool} when its JSON is over
 * {@linkcode LARGE_JSON} bytes, at once otherwise.
 *
 * @throws {ClientError} As those functions do (400, 422), with the same
 * message.
 * @throws {ServerBusy} As {@linkcode decodeImageOffThread} does.
 */
export async function readInferRequestOffThread(
  bytes: Uint8Array,
  headerLength: number | undefined,
  target: InferTarget,
  options: OffThreadOptions = {},
): Promise<InferRequest> {
  if ((headerLength ?? bytes.length) <= LARGE_JSON) {
    const { header, inputs } = splitBinaryRequest(bytes, headerLength);
    return readInferRequest(header, inputs[0], target);
  }
  const { pixels, outputs, id } = await sharedDecodePool().readJson(
    { bytes, output: "infer", headerLength, target },
    options,
  );
  return {
    pixels: pixelsFromFloats(pixels),
    outputs: outputs!,
    ...(id === undefined ? {} : { id }),
  };
}

/**
 * Inflates a gzip or deflate body to at most `limit` bytes, as `inflateBody`
 * does, in a worker of the {@linkcode sharedDecodePool}.
 *
 * @param what What the body is, for the 413's message (e.g. "JSON body").
 * @throws {ClientError} 413 over the limit, 400 for data that is not valid,
 * with `inflateBody`'s messages.
 * @throws {ServerBusy} As {@linkcode decodeImageOffThread} does.
 */
export function inflateOffThread(
  bytes: Uint8Array,
  format: BodyFormat,
  limit: number,
  what: string,
  options: OffThreadOptions = {},
): Promise<Uint8Array> {
  return sharedDecodePool().inflate(
    { bytes, output: "inflate", format, limit, what },
    options,
  );
}
