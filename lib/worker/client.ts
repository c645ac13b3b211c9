/**
 * The one off-thread protocol of the server, its client's side: a module
 * Worker that answers jobs by name (lib/worker/serve.ts), started when first
 * needed; request ids; buffers moved, not copied, both ways; one way for an
 * error to come back (a refusal as the same ClientError or ServerBusy,
 * anything else as a bug); and a time limit that terminates the worker, really
 * stopping the work, after which the next job starts a fresh one. The
 * decoding worker (lib/http/) and the inference worker (lib/runtime/) are
 * each a table of jobs over it.
 *
 * @module
 */

import { receiveError } from "../errors.ts";
import { type Call, type CallOptions, cancelled, timedCall } from "./_call.ts";
import { type JobMessage, READY, type ReplyMessage } from "./serve.ts";
import { startWorker } from "./start.ts";

export type { CallOptions };

/** Options of {@linkcode OffThread}. */
export interface OffThreadOptions {
  /** The worker's module, which calls `serveJobs`. */
  url: URL;
  /** What the worker is, for the message of its failure (e.g. "inference worker"). */
  name: string;
  /** Jobs sent to the worker at once (it does them in order): all by default. */
  maxInFlight?: number;
  /** Jobs that may wait beyond those: any number by default; more are refused (`busy`). */
  maxQueue?: number;
  /** How long an idle worker is kept, in milliseconds: for good by default. */
  idleMs?: number;
  /** How long a new worker may take to load its modules: for ever by default. */
  startupMs?: number;
  /** Starts the worker: {@linkcode startWorker} of `url` by default. */
  spawn?: () => Worker;
  /** Called whenever the worker is terminated or fails (what it held is gone). */
  onStop?: () => void;
}

/** What an {@linkcode OffThread} is doing, and has done. */
export interface OffThreadStats {
  /** Workers started and not terminated (0 or 1). */
  workers: number;
  /** Jobs sent to the worker and not answered. */
  busy: number;
  /** Jobs waiting to be sent. */
  queued: number;
  /** Workers terminated in the middle of a job (time limit or abort). */
  stopped: number;
  /** Workers replaced after a job (`recycle`). */
  recycled: number;
  /** Jobs the worker has answered, with a result or an error. */
  answered: number;
}

/**
 * One module Worker that does jobs, started when first needed and started
 * again after it is terminated or fails. Safe to call concurrently.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { OffThread } from "./client.ts";
 * // a worker module with one job (lib/http/_decode_worker.ts is a real one)
 * const serve = new URL("./serve.ts", import.meta.url).href;
 * const source = `import { serveJobs } from ${JSON.stringify(serve)};
 *   serveJobs({ double: (n) => ({ value: n * 2 }) });`;
 * const worker = new OffThread({
 *   url: new URL(`data:text/javascript,${encodeURIComponent(source)}`),
 *   name: "doubling worker",
 * });
 * assertEquals(await worker.call("double", 21), 42);
 * worker.close();
 * ```
 */
export class OffThread {
  readonly #options: OffThreadOptions;
  readonly #queue: Call[] = [];
  readonly #running = new Map<number, Call>();
  #worker?: Worker;
  #ready = false;
  #startup?: ReturnType<typeof setTimeout>;
  #idle?: ReturnType<typeof setTimeout>;
  #nextId = 1;
  #stopped = 0;
  #recycled = 0;
  #answered = 0;

  constructor(options: OffThreadOptions) {
    this.#options = options;
  }

  /** What the worker is doing now. */
  get stats(): OffThreadStats {
    return {
      workers: this.#worker ? 1 : 0,
      busy: this.#running.size,
      queued: this.#queue.length,
      stopped: this.#stopped,
      recycled: this.#recycled,
      answered: this.#answered,
    };
  }

  /** Whether a worker is started now. */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /**
   * Has the worker do `job` on `payload`, starting it if need be.
   *
   * @returns What the job answered (its buffers moved here).
   * @throws What the job threw: the same ClientError or ServerBusy for a
   * refusal.
   * @throws The error of `options.busy`, `timedOut` or `cancelled` when the
   * queue is full, the time limit passes or the signal aborts (the worker
   * is then terminated).
   * @throws {Error} When the worker fails (a bug): every job in it is refused.
   */
  call<T>(
    job: string,
    payload: unknown,
    options: CallOptions = {},
  ): Promise<T> {
    const { maxInFlight = Infinity, maxQueue = Infinity } = this.#options;
    if (options.signal?.aborted) return Promise.reject(cancelled(options));
    if (this.#queue.length >= maxQueue && this.#running.size >= maxInFlight) {
      return Promise.reject(options.busy?.() ?? new Error("The queue is full"));
    }
    return new Promise<T>((resolve, reject) => {
      const call = timedCall({
        message: { job, payload },
        options,
        resolve: resolve as (value: unknown) => void,
        reject,
        drop: (call) => this.#drop(call),
      });
      this.#queue.push(call);
      this.#pump();
    });
  }

  /** Terminates the worker and refuses every job waiting or running. */
  close(): void {
    const calls = [...this.#queue, ...this.#running.values()];
    this.#queue.length = 0;
    this.#running.clear();
    this.#retire();
    for (const call of calls) {
      if (call.finish()) call.reject(cancelled(call.options));
    }
  }

  /** Takes an ended call out of the queue, or stops the worker running it. */
  #drop(call: Call): void {
    const waiting = this.#queue.indexOf(call);
    if (waiting >= 0) {
      this.#queue.splice(waiting, 1);
      return;
    }
    for (const [id, running] of this.#running) {
      if (running !== call) continue;
      this.#running.delete(id);
      this.#stopped++;
      this.#fail("it was stopped in the middle of a job");
      this.#pump();
      return;
    }
  }

  /** Sends waiting jobs to the worker, starting it if need be. */
  #pump(): void {
    const { maxInFlight = Infinity } = this.#options;
    while (this.#queue.length > 0 && this.#running.size < maxInFlight) {
      const call = this.#queue.shift()!;
      if (call.options.signal?.aborted) { // its abort is about to be heard
        if (call.finish()) call.reject(cancelled(call.options));
        continue;
      }
      clearTimeout(this.#idle);
      const id = this.#nextId++;
      this.#running.set(id, call);
      try {
        this.#worker ??= this.#start();
      } catch (error) { // the worker cannot start: a bug, a 500
        this.#running.delete(id);
        if (call.finish()) call.reject(error);
        continue;
      }
      if (this.#ready) this.#post(id, call);
      else call.pause(); // sent, and timed, once the worker has started
    }
  }

  #post(id: number, call: Call): void {
    const message: JobMessage = { id, ...call.message };
    this.#worker!.postMessage(message, {
      transfer: call.options.transfer ?? [],
    });
  }

  #start(): Worker {
    const { url, spawn, startupMs = Infinity } = this.#options;
    const worker = spawn ? spawn() : startWorker(url);
    this.#ready = false;
    if (Number.isFinite(startupMs)) {
      this.#startup = setTimeout(
        () => this.#failed(worker, `not started in ${startupMs} ms`),
        startupMs,
      );
    }
    // a terminated worker's last message must not settle its successor's job
    worker.onmessage = (event: MessageEvent<ReplyMessage | typeof READY>) => {
      if (this.#worker !== worker) return;
      if (event.data === READY) return this.#started();
      this.#settle(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault(); // else an error in the worker ends the process
      this.#failed(worker, event.message);
    };
    worker.onmessageerror = () =>
      this.#failed(worker, "a message could not be read");
    return worker;
  }

  #started(): void {
    this.#ready = true;
    clearTimeout(this.#startup);
    for (const [id, call] of this.#running) {
      this.#post(id, call);
      call.resume();
    }
  }

  #settle(reply: ReplyMessage): void {
    const call = this.#running.get(reply.id);
    if (!call) return;
    this.#running.delete(reply.id);
    this.#answered++;
    if (call.options.recycle) {
      this.#recycled++;
      this.#fail("it was replaced after a job");
    }
    this.#pump();
    this.#idleLater();
    if (!call.finish()) return;
    if (reply.ok) call.resolve(reply.value);
    else call.reject(receiveError(reply, this.#options.name));
  }

  /** A worker failed (a bug, a 500): every job in it is refused, the worker replaced when next needed. */
  #failed(worker: Worker, message: string): void {
    if (this.#worker !== worker) return;
    this.#fail(message);
    this.#pump();
  }

  /** Terminates the worker; the jobs sent to it are refused as its failure. */
  #fail(message: string): void {
    const running = [...this.#running.values()];
    this.#running.clear();
    this.#retire();
    const error = new Error(`The ${this.#options.name} failed: ${message}`);
    for (const call of running) if (call.finish()) call.reject(error);
  }

  #idleLater(): void {
    const { idleMs = Infinity } = this.#options;
    if (!this.#worker || this.#running.size > 0 || !Number.isFinite(idleMs)) {
      return;
    }
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#retire(), idleMs);
    Deno.unrefTimer(this.#idle);
  }

  /** Terminates the worker, if any: a new one starts when next needed. */
  #retire(): void {
    clearTimeout(this.#idle);
    clearTimeout(this.#startup);
    if (!this.#worker) return;
    this.#worker.terminate();
    this.#worker = undefined;
    this.#ready = false;
    this.#options.onStop?.();
  }
}
