/**
 * The one off-thread protocol of the server, both sides. The client's
 * ({@linkcode OffThread}): a module Worker that answers jobs by name, started
 * when first needed; request ids; buffers moved, not copied, both ways; one
 * way for an error to come back (a refusal as the same ClientError or
 * ServerBusy, anything else as a bug); and a time limit that terminates the
 * worker, really stopping the work, after which the next job starts a fresh
 * one. The worker's ({@linkcode serveJobs}): a table of jobs, answered one at
 * a time in order. The decoding worker (lib/http/) and the inference worker
 * (lib/runtime/) are each a table of jobs over it; the messages are
 * protocol.ts's.
 *
 * @module
 */

import { postError, receiveError } from "../errors.ts";
import {
  type Call,
  type CallOptions,
  type JobMessage,
  type Jobs,
  type OffThreadOptions,
  type OffThreadStats,
  READY,
  type ReplyMessage,
} from "./protocol.ts";
import { startWorker } from "./start.ts";

/**
 * One module Worker that does jobs, started when first needed and started
 * again after it is terminated or fails. Safe to call concurrently.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { OffThread } from "./off_thread.ts";
 * // the worker's module: here a data: URL, usually a file of its own
 * const serve = new URL("./off_thread.ts", import.meta.url).href;
 * const source = `import { serveJobs } from ${JSON.stringify(serve)};
 *   serveJobs({ sum: (v) => ({ value: v.reduce((a, b) => a + b, 0) }) });`;
 * const worker = new OffThread({
 *   url: new URL(`data:text/javascript,${encodeURIComponent(source)}`),
 *   name: "summing worker",
 * });
 * const values = new Float64Array([1, 2, 3]);
 * const sum = await worker.call("sum", values, { transfer: [values.buffer] });
 * assertEquals(sum, 6);
 * assertEquals(values.length, 0); // moved to the worker, not copied
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

/**
 * Makes this module Worker answer `jobs`: one at a time, in the order they
 * came (a session's runs must not overlap), then says it is ready.
 */
export function serveJobs(jobs: Jobs): void {
  let queue: Promise<void> = Promise.resolve();
  self.onmessage = (event: MessageEvent<JobMessage>) => {
    const { id, job, payload } = event.data;
    queue = queue.then(async () => {
      try {
        const run = Object.hasOwn(jobs, job) ? jobs[job] : undefined;
        if (!run) throw new Error(`This worker has no job named ${job}`);
        const { value, transfer = [] } = await run(payload);
        self.postMessage({ id, ok: true, value } satisfies ReplyMessage, {
          transfer,
        });
      } catch (error) {
        self.postMessage(
          { id, ok: false, ...postError(error) } satisfies ReplyMessage,
        );
      }
    });
  };
  self.postMessage(READY);
}

/**
 * A call whose clock runs from now. When its time limit passes or its signal
 * aborts, it is finished, `drop` takes it out of wherever it is, and it is
 * refused with the error its options make.
 */
function timedCall(parts: {
  message: Call["message"];
  options: CallOptions;
  resolve: Call["resolve"];
  reject: Call["reject"];
  drop: (call: Call) => void;
}): Call {
  const { message, options, resolve, reject, drop } = parts;
  const { signal, timeoutMs = Infinity } = options;
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let left = timeoutMs;
  let since = 0;
  const stop = (error: Error) => {
    if (!call.finish()) return;
    drop(call);
    reject(error);
  };
  const onAbort = () => stop(cancelled(options));
  const onTimeout = () =>
    stop(options.timedOut?.() ?? new Error("The job took too long"));
  const call: Call = {
    message,
    options,
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
      if (done || !Number.isFinite(left)) return;
      since = performance.now();
      timer = setTimeout(onTimeout, left);
    },
  };
  call.resume();
  signal?.addEventListener("abort", onAbort, { once: true });
  return call;
}

/** The error of a call given up: its own, or a plain one. */
function cancelled(options: CallOptions): Error {
  return options.cancelled?.() ?? new Error("The job was cancelled");
}
