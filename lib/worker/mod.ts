/**
 * One off-thread protocol for the server's workers (the decoding worker of
 * lib/http, the inference worker of lib/runtime): the client's side
 * (off_thread.ts's OffThread: ids, buffers moved, errors, the time limit
 * that terminates and restarts the worker) and the worker's (its serveJobs:
 * a table of jobs), over the messages and options of protocol.ts.
 *
 * @module
 */

export * from "./off_thread.ts";
export * from "./start.ts";
export type * from "./protocol.ts";
