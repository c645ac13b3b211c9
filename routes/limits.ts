/**
 * Large request bodies (a batch of 1000 images is about 10 MB of JSON and
 * several times that once parsed) pass a gate a few at a time, so that
 * concurrent bulk requests cannot take the server's memory together.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { createGate } from "../lib/serve/gate.ts";

/** Options of {@linkcode bulkBodies}. */
export interface BulkOptions {
  /** Bodies over this many bytes (or of unknown length) are bulk: 1 MiB by default. */
  threshold?: number;
  /** How many bulk requests are handled at once: 2 by default. */
  concurrency?: number;
}

/**
 * Lets requests with a body over `threshold` bytes through `concurrency` at a
 * time, in arrival order; small requests pass at once. A bulk request that
 * waits too long is answered by the request time limit (503, try again).
 */
export function bulkBodies(options: BulkOptions = {}): MiddlewareHandler {
  const { threshold = 1024 * 1024, concurrency = 2 } = options;
  const gate = createGate(concurrency);
  return async (c, next) => {
    const length = c.req.header("content-length");
    const bulk = length === undefined
      ? c.req.raw.body !== null
      : !(Number(length) <= threshold);
    if (bulk) await gate.run(next);
    else await next();
  };
}
