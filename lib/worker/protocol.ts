/**
 * The one off-thread protocol's messages and options, both sides': what the
 * client (OffThread) posts and what the worker (serveJobs) answers, and the
 * options of a client and of one call. Types and constants only.
 *
 * @module
 */

import type { PostedError } from "../errors.ts";

/** What the client posts: a job by name, with its id and payload. */
export interface JobMessage {
  id: number;
  job: string;
  payload: unknown;
}

/** What the worker posts back, by the job's id. */
export type ReplyMessage =
  | { id: number; ok: true; value: unknown }
  | ({ id: number; ok: false } & PostedError);

/** What a worker posts once its modules are loaded: the client's clock starts then. */
export const READY = "ready";

/** A job's answer and the buffers it gives the client (moved, not copied). */
export interface Answer<T = unknown> {
  value: T;
  transfer?: Transferable[];
}

/**
 * The jobs a worker does, by name. A job gets its payload as the client
 * posted it and returns (or resolves to) its answer; what it throws goes
 * back as the error.
 */
// deno-lint-ignore no-explicit-any
export type Jobs = Record<string, (payload: any) => Answer | Promise<Answer>>;

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
