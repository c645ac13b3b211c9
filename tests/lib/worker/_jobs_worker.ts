/**
 * A worker of lib/worker's for its tests: a few jobs that answer, refuse,
 * fail, take their time or crash the worker.
 *
 * @module
 */

import { ClientError, ServerBusy } from "../../../lib/errors.ts";
import { serveJobs } from "../../../lib/worker/mod.ts";

serveJobs({
  /** The values doubled, in a new buffer moved back. */
  double: (values: Float32Array) => {
    const value = values.map((v) => v * 2);
    return { value, transfer: [value.buffer] };
  },
  /** Whether the values arrived in a buffer of their own (moved, not a copy of a larger one). */
  alone: (values: Float32Array) => ({
    value: values.byteLength === values.buffer.byteLength,
  }),
  refuse: (message: string) => {
    throw new ClientError(422, message);
  },
  busy: (seconds: number) => {
    throw new ServerBusy("busy: try again", { retryAfterSeconds: seconds });
  },
  bug: () => {
    throw new TypeError("x is undefined");
  },
  /** Holds the worker's thread for `ms` milliseconds. */
  spin: (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) { /* the worker's thread is busy */ }
    return { value: ms };
  },
  /** Answers, then throws outside any job `ms` later: the worker fails. */
  crash: (ms: number) => {
    setTimeout(() => {
      throw new Error("boom");
    }, ms);
    return { value: "soon" };
  },
  /** Waits, then answers: a job that takes its time without holding the thread. */
  wait: async (ms: number) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { value: ms };
  },
});
