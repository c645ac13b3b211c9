/**
 * One call of a worker's job while it waits and runs: its time limit (which
 * stops while its worker starts up) and its abort signal.
 *
 * @module
 */

import type { JobMessage } from "./serve.ts";

/** Options of one call of a worker's job (`OffThread.call`). */
export interface CallOptions {
  /** Buffers of the payload to move to the worker: the caller's views of them are emptied. */
  transfer?: Transferable[];
  /** The time limit in milliseconds from the call, waiting included, the worker's start-up not. */
  timeoutMs?: number;
  /** Gives the job up when aborted: dropped if waiting, its worker terminated if running. */
  signal?: AbortSignal;
  /** The worker is replaced once this job is done (its memory goes back at once). */
  recycle?: boolean;
  /** The error of a job past its time limit. */
  timedOut?: () => Error;
  /** The error of a job given up (its signal aborted, or the client closed). */
  cancelled?: () => Error;
  /** The error of a job refused because the queue is full. */
  busy?: () => Error;
}

/** A call, waiting or running. */
export interface Call {
  message: Omit<JobMessage, "id">;
  options: CallOptions;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Ends the call's clock and abort listener; false if it had already ended. */
  finish: () => boolean;
  /** Stops the call's clock while its worker starts up. */
  pause: () => void;
  /** Starts the call's clock again. */
  resume: () => void;
}

/**
 * A call whose clock runs from now. When its time limit passes or its signal
 * aborts, it is finished, `drop` takes it out of wherever it is, and it is
 * refused with the error its options make.
 */
export function timedCall(parts: {
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
export function cancelled(options: CallOptions): Error {
  return options.cancelled?.() ?? new Error("The job was cancelled");
}
