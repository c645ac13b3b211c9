/**
 * Reading bodies off the event loop — pictures, JSON over a megabyte,
 * compressed bodies — in the decoding worker (lib/http/_decode_worker.ts),
 * through lib/worker: one body at a time, a bounded queue in front, and a
 * time limit that terminates the worker, really stopping the work. While a
 * body is read the server goes on answering. The server's one pool is in
 * lib/http/decode_off_thread.ts.
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
} from "../input/mod.ts";
import type { InferTarget, RequestedOutput } from "../v2/mod.ts";
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
 * Options of the pool's work (and of lib/http/decode_off_thread.ts). The
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
        ),
      cancelled: () =>
        new ServerBusy(
          "The image decoding was cancelled before it finished: try again",
        ),
    };
  }
}
