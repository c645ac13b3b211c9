/**
 * The server's image decoding: one {@linkcode DecodePool} for the process,
 * and the two calls the routes make of it, so that neither decoding nor
 * preprocessing an upload runs on the event loop.
 *
 * @module
 */

import {
  DecodePool,
  type DecodePoolOptions,
  type OffThreadOptions,
} from "./decode_pool.ts";
import type { RgbaImage } from "./preprocess.ts";

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
 * @throws {InputError} 400 or 413 as `decodeImage` throws them, with the same
 * message; 503 with `Retry-After: 1` when the pool's queue is full, the time
 * limit passes (the worker is then terminated and replaced) or `signal` aborts.
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
 * @throws {InputError} As {@linkcode decodeImageOffThread} does, and 422 when
 * the image has no ink.
 */
export function mnistInputOffThread(
  bytes: Uint8Array,
  options: OffThreadOptions = {},
): Promise<Float32Array> {
  return sharedDecodePool().mnistInput(bytes, options);
}
