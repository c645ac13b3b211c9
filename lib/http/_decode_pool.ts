/**
 * Decoding off the event loop — images, JSON over a megabyte, compressed
 * bodies: a small pool of module Workers (see lib/http/_decode_worker.ts), a
 * bounded queue in front of it, and a time limit that terminates the worker,
 * really stopping the work, and starts a fresh one. While a body is decoded
 * the server goes on answering. The server's one pool is in
 * lib/http/decode_off_thread.ts.
 *
 * @module
 */

import { ownBytes, workCopy } from "../large_buffer.ts";
import { receiveError, ServerBusy } from "../errors.ts";
import type { DecodeReply, DecodeRequest, ReadJson } from "./_decode_worker.ts";
import {
  checkImage,
  type DecodeOptions,
  type RgbaImage,
} from "../input/mod.ts";

/**
 * The default time limit on one image, waiting for a worker included (but
 * not a new worker's start-up): 8 s, under the server's 10 s request limit.
 * A 16-megapixel progressive JPEG takes about 2 s on one core.
 */
export const DECODE_TIMEOUT_MS = 8000;

/**
 * How long a new worker may take to load its modules: 30 s. It takes about
 * 0.1 s, but under `deno test` the worker's module is type-checked first.
 */
const STARTUP_TIMEOUT_MS = 30_000;

/** Options of {@linkcode DecodePool}. */
export interface DecodePoolOptions {
  /** How many images are decoded at once, one worker each: 2 by default. */
  size?: number;
  /** How many images may wait for a worker: 16 by default; more are answered 503. */
  maxQueue?: number;
  /** How long an idle worker is kept, in milliseconds: 30 s by default (`Infinity`: until `close`). */
  idleMs?: number;
  /**
   * Images of more pixels than this are large: 4 million by default. A large
   * image takes a few hundred MB while it is decoded, so large images are
   * decoded one at a time (small ones go on beside), and the worker that
   * decoded one is replaced, so that its memory goes back to the system at
   * once rather than at its next garbage collection.
   */
  largePixels?: number;
  /** Starts a worker: {@linkcode startDecodeWorker} by default. */
  spawn?: () => Worker;
}

/** Options of the pool's work (and of lib/http/decode_off_thread.ts). */
export interface OffThreadOptions extends DecodeOptions {
  /** Gives the work up when aborted (the client has gone, say). */
  signal?: AbortSignal;
  /** The time limit in milliseconds, waiting included; {@linkcode DECODE_TIMEOUT_MS} by default. */
  timeoutMs?: number;
  /**
   * The bytes are given, not lent: their buffer, where it holds them alone,
   * is moved to the worker instead of copied, and the caller's view is then
   * empty (`ownBytes` in lib/large_buffer.ts). For a body read for this
   * request only. False by default: the caller keeps its bytes.
   */
  handOver?: boolean;
}

/** What a pool is doing, and has done. */
export interface PoolStats {
  /** Workers started and not terminated. */
  workers: number;
  /** Workers decoding an image now. */
  busy: number;
  /** Images waiting for a worker. */
  queued: number;
  /** Workers terminated in the middle of an image (time limit or abort). */
  stopped: number;
  /** Workers replaced after a large image (see `largePixels`). */
  recycled: number;
  /** Bodies (images, JSON, compressed bodies) the workers have answered for, read or refused. */
  answered: number;
}

interface Job {
  request: DecodeRequest;
  /** Whether the request's bytes are the job's to move (see `handOver`). */
  handOver: boolean;
  /** Over `largePixels`: decoded one at a time, its worker replaced after. */
  large: boolean;
  resolve: (reply: DecodeReply & { ok: true }) => void;
  reject: (error: unknown) => void;
  /** Ends the job's time limit and abort listener; false if it had already ended. */
  finish: () => boolean;
  /** Stops the job's clock while its worker starts up. */
  pause: () => void;
  /** Starts the job's clock again. */
  resume: () => void;
}

interface Slot {
  worker?: Worker;
  /** Whether the worker has loaded its modules. */
  ready?: boolean;
  startup?: ReturnType<typeof setTimeout>;
  job?: Job;
  idle?: ReturnType<typeof setTimeout>;
}

/**
 * Sends a job's request to a worker with its bytes moved, not cloned: cloning
 * a view clones its whole buffer (a body is read into a larger one). A job
 * given its bytes (`handOver`) moves their own buffer where it can; otherwise
 * a copy is moved, and the caller keeps its bytes. Either way the buffer is
 * a work buffer (lib/large_buffer.ts) from a megabyte up, unmapped when the
 * worker lets go of it instead of fragmenting the C heap (10 MB pictures of
 * one-byte chunks took the server to 417 MB).
 */
function post(worker: Worker, job: Job): void {
  const { request } = job;
  const bytes = job.handOver
    ? ownBytes(request.bytes)
    : workCopy(request.bytes);
  worker.postMessage({ ...request, bytes }, { transfer: [bytes.buffer] });
}

/**
 * A pool of decoding workers. Each image goes to a free worker, or waits in a
 * bounded queue; work past its time limit or aborted is stopped by
 * terminating its worker, which is replaced when next needed. Idle workers
 * are terminated after `idleMs`, so an idle process can exit.
 */
export class DecodePool {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  readonly #maxQueue: number;
  readonly #idleMs: number;
  readonly #largePixels: number;
  readonly #spawn: () => Worker;
  #stopped = 0;
  #recycled = 0;
  #answered = 0;

  constructor(options: DecodePoolOptions = {}) {
    const {
      size = 2,
      maxQueue = 16,
      idleMs = 30_000,
      largePixels = 4_000_000,
    } = options;
    if (!(Number.isInteger(size) && size >= 1)) {
      throw new RangeError(
        `Cannot make a decode pool: size must be a positive integer, got ${size}`,
      );
    }
    this.#slots = Array.from({ length: size }, () => ({}));
    this.#maxQueue = maxQueue;
    this.#idleMs = idleMs;
    this.#largePixels = largePixels;
    this.#spawn = options.spawn ?? startDecodeWorker;
  }

  /** What the pool is doing now. */
  get stats(): PoolStats {
    return {
      workers: this.#slots.filter((slot) => slot.worker).length,
      busy: this.#slots.filter((slot) => slot.job).length,
      queued: this.#queue.length,
      stopped: this.#stopped,
      recycled: this.#recycled,
      answered: this.#answered,
    };
  }

  /**
   * Decodes a PNG or JPEG in a worker, as `decodeImage` would. The header is
   * read and the pixel limit checked here first, so an image refused from its
   * header never waits. The bytes are copied to the worker (moved, with
   * `handOver`).
   *
   * @throws {ClientError} As `decodeImage` does (400, 413), with the same
   * message.
   * @throws {ServerBusy} When the queue is full, the time limit passes (the
   * worker is terminated) or `signal` aborts.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async decode(
    bytes: Uint8Array,
    options: OffThreadOptions = {},
  ): Promise<RgbaImage> {
    return (await this.#image(bytes, "rgba", options)).image!;
  }

  /**
   * Decodes a PNG or JPEG and makes it the network's input, as
   * `toMnistInput(decodeImage(bytes))` would, all in a worker: only the 784
   * values come back, so not even the preprocessing of a large picture runs
   * on the event loop.
   *
   * @throws {ClientError} As {@linkcode DecodePool.decode} does, and 422 when
   * the image has no ink.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async mnistInput(
    bytes: Uint8Array,
    options: OffThreadOptions = {},
  ): Promise<Float32Array> {
    return (await this.#image(bytes, "mnist", options)).input!;
  }

  /**
   * Reads a large JSON body in a worker: a predict body, as
   * `readPredictJson` would, or a V2 infer request, as `splitBinaryRequest`
   * and `readInferRequest` would, so that parsing megabytes of JSON does not
   * hold the event loop. Only the checked pixels (and the request's other
   * fields) come back.
   *
   * @throws {ClientError} As those functions do (400, 422), with the same
   * message.
   * @throws {ServerBusy} When the queue is full, the time limit passes (the
   * worker is terminated) or `signal` aborts.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async readJson(
    request: DecodeRequest & { output: "predict" | "infer" },
    options: OffThreadOptions = {},
  ): Promise<ReadJson> {
    return (await this.#run(request, false, "request body", options)).json!;
  }

  /**
   * Inflates a compressed body in a worker, as `inflateBody` would, to at
   * most `limit` bytes: a gzip bomb stops there without the event loop's
   * inflating a byte of it.
   *
   * @throws {ClientError} As `inflateBody` does (413, 400), with the same
   * message.
   * @throws {ServerBusy} When the queue is full, the time limit passes (the
   * worker is terminated) or `signal` aborts.
   * @throws {Error} When the worker fails for another reason (a bug).
   */
  async inflate(
    request: DecodeRequest & { output: "inflate" },
    options: OffThreadOptions = {},
  ): Promise<Uint8Array> {
    return (await this.#run(request, false, "request body", options)).bytes!;
  }

  /** Terminates every worker and refuses the images still waiting or decoding. */
  close(): void {
    for (const job of [...this.#queue, ...this.#slots.map((s) => s.job)]) {
      if (job?.finish()) job.reject(cancelled());
    }
    this.#queue.length = 0;
    for (const slot of this.#slots) this.#retire(slot);
  }

  #image(
    bytes: Uint8Array,
    output: "rgba" | "mnist",
    options: OffThreadOptions,
  ): Promise<DecodeReply & { ok: true }> {
    const { maxPixels } = options;
    const { width, height } = checkImage(bytes, { maxPixels });
    return this.#run(
      { bytes, maxPixels, output },
      width * height > this.#largePixels,
      "image",
      options,
    );
  }

  /**
   * Queues a request for a worker. `large`: decoded one at a time, its worker
   * replaced after; `what` it is ("image" or "request body"), for a 503's
   * message.
   */
  #run(
    request: DecodeRequest,
    large: boolean,
    what: string,
    options: OffThreadOptions,
  ): Promise<DecodeReply & { ok: true }> {
    const { signal, timeoutMs = DECODE_TIMEOUT_MS } = options;
    if (signal?.aborted) throw cancelled();
    if (
      this.#queue.length >= this.#maxQueue &&
      this.#slots.every((slot) => slot.job)
    ) {
      throw new ServerBusy(
        `The server is busy ${
          what === "image" ? "decoding other images" : "reading other bodies"
        }: try again in a moment`,
      );
    }
    return new Promise((resolve, reject) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let left = timeoutMs;
      let since = 0;
      const job: Job = {
        request,
        handOver: options.handOver ?? false,
        large,
        resolve,
        reject,
        finish: () => {
          if (done) return false;
          done = true;
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          return true;
        },
        pause: () => {
          clearTimeout(timer);
          left -= performance.now() - since;
        },
        resume: () => {
          if (done) return;
          since = performance.now();
          timer = setTimeout(onTimeout, left);
        },
      };
      const stop = (error: ServerBusy) => {
        if (!job.finish()) return;
        this.#drop(job);
        reject(error);
      };
      const onAbort = () => stop(cancelled());
      const onTimeout = () =>
        stop(
          new ServerBusy(
            `Reading the ${what} took longer than ${timeoutMs} ms and was stopped: the server is busy or the ${what} too large; try again, or send a smaller one`,
          ),
        );
      job.resume();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Takes an ended job out of the queue, or stops the worker decoding it. */
  #drop(job: Job): void {
    const waiting = this.#queue.indexOf(job);
    if (waiting >= 0) {
      this.#queue.splice(waiting, 1);
      return;
    }
    const slot = this.#slots.find((slot) => slot.job === job);
    if (slot) {
      this.#stopped++;
      this.#retire(slot);
      this.#pump();
    }
  }

  /**
   * Gives waiting images to free workers in order, starting workers as needed;
   * a large image waits while another large one is decoded.
   */
  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.job) continue;
      const largeRunning = this.#slots.some((slot) => slot.job?.large);
      const next = this.#queue.findIndex((job) => !job.large || !largeRunning);
      if (next < 0) return;
      const [job] = this.#queue.splice(next, 1);
      clearTimeout(slot.idle);
      try {
        slot.worker ??= this.#start(slot);
        slot.job = job;
        if (slot.ready) post(slot.worker, job);
        else job.pause(); // sent, and timed, once the worker has started
      } catch (error) { // the worker cannot start: a bug, a 500
        this.#retire(slot);
        if (job.finish()) job.reject(error);
      }
    }
  }

  #start(slot: Slot): Worker {
    const worker = this.#spawn();
    slot.ready = false;
    slot.startup = setTimeout(
      () => this.#fail(slot, worker, `not started in ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS,
    );
    // a terminated worker's last message must not settle its successor's job
    worker.onmessage = (event: MessageEvent<DecodeReply | "ready">) => {
      if (slot.worker !== worker) return;
      if (event.data !== "ready") return this.#settle(slot, event.data);
      slot.ready = true;
      clearTimeout(slot.startup);
      if (!slot.job) return;
      post(worker, slot.job);
      slot.job.resume();
    };
    worker.onerror = (event) => {
      event.preventDefault(); // else an error in the worker ends the process
      this.#fail(slot, worker, event.message);
    };
    worker.onmessageerror = () =>
      this.#fail(slot, worker, "a message could not be read");
    return worker;
  }

  /** A worker failed (a bug, a 500): its image is refused, the worker replaced. */
  #fail(slot: Slot, worker: Worker, message: string): void {
    if (slot.worker !== worker) return;
    const job = slot.job;
    this.#retire(slot);
    if (job?.finish()) {
      job.reject(new Error(`The image decoding worker failed: ${message}`));
    }
    this.#pump();
  }

  #settle(slot: Slot, reply: DecodeReply): void {
    const job = slot.job;
    slot.job = undefined;
    this.#answered++;
    if (job?.large) {
      this.#recycled++;
      this.#retire(slot);
    }
    this.#pump();
    if (slot.worker && !slot.job && Number.isFinite(this.#idleMs)) {
      const idle = setTimeout(() => this.#retire(slot), this.#idleMs);
      Deno.unrefTimer(idle);
      slot.idle = idle;
    }
    if (!job?.finish()) return;
    if (reply.ok) job.resolve(reply);
    else job.reject(receiveError(reply, "image decoding worker"));
  }

  /** Terminates a slot's worker, if any: a new one starts when next needed. */
  #retire(slot: Slot): void {
    clearTimeout(slot.idle);
    clearTimeout(slot.startup);
    slot.worker?.terminate();
    slot.worker = undefined;
    slot.job = undefined;
  }
}

/**
 * The web Worker, kept as it is when this module loads: onnxruntime-web's
 * Emscripten glue, taking Deno for Node, replaces `globalThis.Worker` with
 * node:worker_threads' Worker when its first session starts, and a module
 * written for the web Worker (`self.onmessage`) cannot run in that one.
 */
const WebWorker = globalThis.Worker;

/**
 * Starts a decoding worker: a module Worker of lib/http/_decode_worker.ts,
 * with the permissions of the process (it needs to read its own modules).
 *
 * @throws {Error} When this module was loaded after something replaced the
 * web Worker (import it before onnxruntime-web starts a session).
 */
export function startDecodeWorker(): Worker {
  if (!("onmessageerror" in WebWorker.prototype)) {
    throw new Error(
      "Cannot start an image decoding worker: globalThis.Worker was replaced (by onnxruntime-web?) before lib/http/_decode_pool.ts loaded",
    );
  }
  return new WebWorker(new URL("./_decode_worker.ts", import.meta.url), {
    type: "module",
  });
}

function cancelled(): ServerBusy {
  return new ServerBusy(
    "The image decoding was cancelled before it finished: try again",
  );
}
