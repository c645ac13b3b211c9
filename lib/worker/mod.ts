/**
 * One off-thread protocol for the server's workers (the decoding worker of
 * lib/http, the inference worker of lib/runtime): the client's side
 * (client.ts: ids, buffers moved, errors, the time limit that terminates and
 * restarts the worker) and the worker's (serve.ts: a table of jobs).
 *
 * @module
 */

export * from "./client.ts";
export * from "./start.ts";
export * from "./serve.ts";
