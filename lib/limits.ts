/**
 * The limits of one request, in one place: how many images, how many bytes
 * of each kind of body. The server, the OpenAPI document and the tests read
 * them from here.
 *
 * @module
 */

import { ClientError } from "./errors.ts";

/** The most images one request may hold (JSON batch, raw bytes or V2 tensor). */
export const MAX_BATCH = 1000;

/**
 * The most arrays and objects a JSON body may open: a 1000-image batch of 28
 * rows each opens 29,001 (a V2 tensor shaped [1000, 1, 28, 28], 30,001).
 * Parsing costs time and memory per array, so a body built of millions of
 * them is refused before it is parsed (lib/input/json_guard.ts).
 */
export const MAX_JSON_CONTAINERS = 32 * 1024;

/** Body size limits, by kind of body, in bytes. */
export const BODY_LIMITS = {
  /** JSON: a batch of 1000 images fits even at full double precision (15.1 MB). */
  json: 16 * 1024 * 1024,
  /** An uploaded PNG or JPEG (raw or multipart). */
  image: 10 * 1024 * 1024,
  /** Raw bytes: at most MAX_BATCH images of 784 bytes. */
  bytes: MAX_BATCH * 784,
  /** A V2 infer request: JSON or binary tensors of at most MAX_BATCH images. */
  v2: 16 * 1024 * 1024,
} as const;

/**
 * The 413 of a body over its limit: `what` it is (e.g. "JSON body") and the
 * limit in bytes, as the server says it wherever the body is counted (read,
 * or inflated).
 */
export function bodyOverLimit(what: string, limit: number): ClientError {
  return new ClientError(
    413,
    `The ${what} is over its limit of ${limit} bytes: send less`,
  );
}
