/**
 * The server's plumbing around the HTTP edge that is not inference: its
 * settings, per-client rate limits, the memory budget for work in flight,
 * and reading bodies off the event loop (images, large JSON, compressed
 * bodies) in the decoding worker.
 *
 * @module
 */

export * from "./settings.ts";
export * from "./admission.ts";
export * from "./decode.ts";
