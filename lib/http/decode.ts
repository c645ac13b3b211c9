/**
 * Reading bodies off the event loop — pictures, JSON over a megabyte,
 * compressed bodies — in the decoding worker (lib/http/_decode_worker.ts),
 * through lib/worker: one body at a time, a bounded queue in front, and a
 * time limit that terminates the worker, really stopping the work. While a
 * body is read the server goes on answering. The process has one pool
 * ({@linkcode sharedDecodePool}), and the routes call it through the
 * functions at the end, which read small JSON where it is. The bytes are
 * given, not lent: a body read for one request is moved to the worker, not
 * copied.
 *
 * @module
 */

import { ownBytes } from "../large_buffer.ts";
import { ServerBusy } from "../errors.ts";
import { DECODE_TIMEOUT_MS } from "../limits.ts";
import {
  type BodyFormat,
  checkImage,
  type DecodeOptions,
  pixelsFromFloats,
  type PredictBody,
  readPredictJson,
} from "../input/mod.ts";
import {
  type InferRequest,
  type InferTarget,
  readInferRequest,
  splitBinaryRequest,
} from "../v2/mod.ts";
import type {
  InflateRequest,
  JsonRequest,
  ReadJson,
} from "./_decode_worker.ts";
import {
  type CallOptions,
  OffThread,
  type OffThreadStats,
} from "../worker/mod.ts";

/**
 * How long a new worker may take to load its modules: 30 s (under `deno
 * test` the worker's modules are type-checked first).
 */
const STARTUP_TIMEOUT_MS = 30_000;

/** Options of {@linkcode DecodePool}. */
export interface DecodePoolOptions {
  /** How many bodies may wait for the worker: 16 by default; more are answered 503. */
  maxQueue?: number;
  /** How long an idle worker is kept, in milliseconds: 30 s by default (`Infinity`: until `close`). */
  idleMs?: number;
  /**
   * Pictures of more pixels than this are large: 4 million by default. A
   * large picture takes a few hundred MB while it is decoded, so the worker
   * that decoded one is replaced, and its memory goes back to the system at
   * once rather than at its next garbage collection.
   */
  largePixels?: number;
  /** Starts the worker (the tests watch it); lib/worker's `startWorker` by default. */
  spawn?: () => Worker;
}

/**
 * Options of the pool's work (and of the functions below). The
 * bytes are given, not lent: their buffer, where it holds them alone, is
 * moved to the worker instead of copied, and the caller's view is then empty
 * (`ownBytes` in lib/large_buffer.ts).
 */
export interface OffThreadOptions extends DecodeOptions {
  /** Gives the work up when aborted (the client has gone, say). */
  signal?: AbortSignal;
  /** The time limit in milliseconds, waiting included; `DECODE_TIMEOUT_MS` of lib/limits.ts by default. */
  timeoutMs?: number;
}

/**
 * The decoding worker and the queue in front of it: bodies are read one at a
 * time, in order; work past its time limit or aborted is stopped by
 * terminating the worker, which is replaced when next needed, and an idle
 * worker is terminated after `idleMs`, so an idle process can exit.
 */
export class DecodePool {
  readonly #worker: OffThread;
  readonly #largePixels: number;

  constructor(options: DecodePoolOptions = {}) {
    const { maxQueue = 16, idleMs = 30_000, largePixels = 4_000_000 } = options;
    this.#largePixels = largePixels;
    this.#worker = new OffThread({
      url: new URL("./_decode_worker.ts", import.meta.url),
      name: "image decoding worker",
      maxInFlight: 1,
      maxQueue,
      idleMs,
      startupMs: STARTUP_TIMEOUT_MS,
      spawn: options.spawn,
    });
  }

  /** What the pool is doing now. */
  get stats(): OffThreadStats {
    return this.#worker.stats;
  }

  /**
   * Decodes a PNG or JPEG and makes it the network's input, as
   * `toMnistInput(decodeImage(bytes))` would, in the worker: only the 784
   * values come back, so not even the preprocessing of a large picture runs
   * on the event loop. The header is read and the pixel limit checked here
   * first, so a picture refused from its header never waits.
   *
   * @throws {ClientError} As `decodeImage` and `toMnistInput` do (400, 413,
   * 422), with the same message.
   * @throws {ServerBusy} When the queue is full, the time limit passes (the
   * worker is terminated) or `signal` aborts.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async mnistInput(
    bytes: Uint8Array,
    options: OffThreadOptions = {},
  ): Promise<Float32Array> {
    const { maxPixels } = options;
    const { width, height } = checkImage(bytes, { maxPixels });
    const given = ownBytes(bytes);
    return await this.#worker.call("mnist", { bytes: given, maxPixels }, {
      ...this.#limits("image", options),
      transfer: [given.buffer],
      recycle: width * height > this.#largePixels,
    });
  }

  /**
   * Reads a large JSON body in the worker: a predict body, as
   * `readPredictJson` would, or a V2 infer request, as `splitBinaryRequest`
   * and `readInferRequest` would, so that parsing megabytes of JSON does not
   * hold the event loop. Only the checked pixels (and the request's other
   * fields) come back.
   *
   * @throws {ClientError} As those functions do (400, 422), with the same
   * message.
   * @throws {ServerBusy} As {@linkcode DecodePool.mnistInput} does.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async readJson(
    request: JsonRequest,
    options: OffThreadOptions = {},
  ): Promise<ReadJson> {
    const { output, ...payload } = request;
    const bytes = ownBytes(request.bytes);
    return await this.#worker.call(output, { ...payload, bytes }, {
      ...this.#limits("request body", options),
      transfer: [bytes.buffer],
    });
  }

  /**
   * Inflates a compressed body in the worker, as `inflateBody` would, to at
   * most `limit` bytes: a gzip bomb stops there without the event loop's
   * inflating a byte of it.
   *
   * @throws {ClientError} As `inflateBody` does (413, 400), with the same
   * message.
   * @throws {ServerBusy} As {@linkcode DecodePool.mnistInput} does.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async inflate(
    request: InflateRequest,
    options: OffThreadOptions = {},
  ): Promise<Uint8Array> {
    const bytes = ownBytes(request.bytes);
    return await this.#worker.call("inflate", { ...request, bytes }, {
      ...this.#limits("request body", options),
      transfer: [bytes.buffer],
    });
  }

  /** Terminates the worker and refuses the bodies still waiting or being read. */
  close(): void {
    this.#worker.close();
  }

  /** The time limit, signal and refusals of reading `what` ("image" or "request body"). */
  #limits(what: string, options: OffThreadOptions): CallOptions {
    const { signal, timeoutMs = DECODE_TIMEOUT_MS } = options;
    return {
      signal,
      timeoutMs,
      busy: () =>
        new ServerBusy(
          `The server is busy ${
            what === "image" ? "decoding other images" : "reading other bodies"
          }: try again in a moment`,
        ),
      timedOut: () =>
        new ServerBusy(
          `Reading the ${what} took longer than ${timeoutMs} ms and was stopped: the server is busy or the ${what} too large; try again, or send a smaller one`,
          { reason: "time" },
        ),
      cancelled: () =>
        new ServerBusy(
          "The image decoding was cancelled before it finished: try again",
        ),
    };
  }
}

/**
 * JSON over this many bytes (1 MiB) is parsed in the pool's worker: parsing
 * a large batch, and collecting its garbage, held the event loop long enough
 * to keep `/api/health` waiting (docs/BENCHMARKS.md, round 7). Smaller
 * bodies (a single image, a batch of about 250 images at most) are parsed
 * where they are, without the worker's round trip.
 */
export const LARGE_JSON = 1024 * 1024;

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
