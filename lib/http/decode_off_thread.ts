/**
 * The server's decoding off the event loop: one {@linkcode DecodePool} for the
 * process, and the calls the routes make of it, so that neither decoding nor
 * preprocessing an upload, nor parsing a large JSON body, nor inflating a
 * compressed one, runs on the event loop. The bytes are given, not lent: a
 * body read for one request is moved to the worker, not copied.
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
} from "./decode_pool.ts";
import {
  type BodyFormat,
  pixelsFromFloats,
  type PredictBody,
  readPredictJson,
} from "../input/mod.ts";

/**
 * JSON over this many bytes (1 MiB) is parsed in the pool's worker: parsing
 * a large batch, and collecting its garbage, held the event loop long enough
 * to keep `/api/health` waiting (docs/BENCHMARKS.md, round 7). Smaller
 * bodies (a single image, a batch of about 250 images at most) are parsed
 * where they are, without the worker's round trip.
 */
export const LARGE_JSON = 1024 * 1024;

export type { OffThreadOptions };

let shared: DecodePool | undefined;
let sharedOptions: Partial<DecodePoolOptions> = {};

/**
 * The pool of the calls below, shared by the process (one worker: on a
 * 2-core instance the event loop keeps the other core, and the inference
 * worker has its own thread; 16 bodies waiting at most) and started on first
 * use: its `stats` say what it is doing.
 */
export function sharedDecodePool(): DecodePool {
  shared ??= new DecodePool(sharedOptions);
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
 * Decodes a PNG or JPEG and makes it the network's input, as
 * `toMnistInput(decodeImage(bytes))` does, in the worker of the
 * {@linkcode sharedDecodePool}: the event loop sees only the 784 values.
 *
 * @returns 784 values in [0, 1], row-major 28×28, white digit on black.
 * @throws {ClientError} 400 or 413 as `decodeImage` throws them, 422 when the
 * image has no ink, with the same message.
 * @throws {ServerBusy} When the pool's queue is full, the time limit passes
 * (the worker is then terminated and replaced) or `signal` aborts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encode } from "fast-png";
 * import { mnistInputOffThread, sharedDecodePool } from "./decode_off_thread.ts";
 * // a white square on black, 40×40
 * const data = new Uint8Array(40 * 40).map((_, i) =>
 *   i % 40 >= 10 && i % 40 < 30 && i >= 400 && i < 1200 ? 255 : 0
 * );
 * const png = encode({ width: 40, height: 40, channels: 1, data });
 * const input = await mnistInputOffThread(png);
 * assertEquals(input.length, 784);
 * assertEquals(input[14 * 28 + 14], 1); // the centre is ink
 * sharedDecodePool().close();
 * ```
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
 * @throws {ServerBusy} As {@linkcode mnistInputOffThread} does.
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
  // checked again here, so that pixels are only ever made in pixels.ts (one
  // pass over the floats)
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
 * @throws {ServerBusy} As {@linkcode mnistInputOffThread} does.
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
 * @throws {ServerBusy} As {@linkcode mnistInputOffThread} does.
 */
export function inflateOffThread(
  bytes: Uint8Array,
  format: BodyFormat,
  limit: number,
  what: string,
  options: OffThreadOptions = {},
): Promise<Uint8Array> {
  return sharedDecodePool().inflate(
    { bytes, format, limit, what },
    options,
  );
}
