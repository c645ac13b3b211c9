/**
 * Every limit of the server, in one place: how much one request may hold,
 * how long it may take, and what the server as a whole takes on at once.
 * The code that enforces each reads it from here, and so do the OpenAPI
 * document, the tests and the README's table (tests/lib/limits_test.ts
 * checks the table against these values).
 *
 * @module
 */

import { ClientError } from "./errors.ts";

// ---- what one request may hold

/** The most images one request may hold (JSON batch, raw bytes or V2 tensor). */
export const MAX_BATCH = 1000;

/**
 * The most arrays and objects a JSON body may open: a 1000-image batch of 28
 * rows each opens 29,001 (a V2 tensor shaped [1000, 1, 28, 28], 30,001).
 * Parsing costs time and memory per array, so a body built of millions of
 * them is refused before it is parsed (lib/input/predict_body.ts).
 */
export const MAX_JSON_CONTAINERS = 32 * 1024;

/**
 * The most values (numbers, strings, members: what commas separate) a JSON
 * body may hold: a batch of MAX_BATCH images of 784 numbers, and one comma
 * for each array and object it may open. A body of 16 MiB holds 8 million
 * zeros; parsed, they take hundreds of megabytes for a moment, all to be
 * refused, so such a body is refused before it is parsed
 * (lib/input/predict_body.ts).
 */
export const MAX_JSON_VALUES = MAX_BATCH * 784 + MAX_JSON_CONTAINERS;

/** Body size limits, by kind of body, in bytes. */
export const BODY_LIMITS = {
  /** JSON: a batch of 1000 images fits even at full double precision. */
  json: 16 * 1024 * 1024,
  /** An uploaded PNG or JPEG (raw or multipart). */
  image: 10 * 1024 * 1024,
  /** Raw bytes: at most MAX_BATCH images of 784 bytes. */
  bytes: MAX_BATCH * 784,
  /** A V2 infer request: JSON or binary tensors of at most MAX_BATCH images. */
  v2: 16 * 1024 * 1024,
  /** A reader's drawing (`POST /api/drawings`): 784 numbers, a label, consent. */
  drawing: 64 * 1024,
} as const;

/**
 * The most parts a multipart form may have. An upload is the field `image`
 * and perhaps a few more; a form of hundreds of thousands of empty fields
 * (10 MiB holds 200,000) is made only to keep a parser busy, and is refused
 * after a byte search, before it is parsed (routes/body.ts).
 */
export const MAX_FORM_PARTS = 16;

/**
 * The most pixels (width × height) a picture may declare, checked from its
 * header before any pixel is decoded: a 16-megapixel photo. Decoding takes
 * several times the RGBA's bytes while it runs (jpeg-js most of all).
 */
export const MAX_IMAGE_PIXELS = 16_000_000;

/**
 * The most pixels a JPEG's byte may stand for. Real pictures, even plain
 * paper, take far more than a byte per 2000 pixels; a smaller file that
 * declares a large size is truncated or hostile, and decoding the blocks it
 * lacks would cost seconds.
 */
export const MAX_JPEG_PIXELS_PER_BYTE = 2000;

/**
 * The most bytes a PNG's image data may inflate to: 64 MiB, what 16 million
 * pixels of 8-bit RGBA take. The decoder holds this twice (inflated, then
 * unfiltered) besides the RGBA result, so a 16-bit RGBA picture is refused
 * above about 8 million pixels.
 */
export const MAX_PNG_DATA_BYTES = 64 * 1024 * 1024;

/**
 * The most chunks a PNG may have. Encoders write image data in chunks of
 * kilobytes, so a 10 MB file has a few thousand; hundreds of thousands of
 * tiny chunks are made only to make a decoder slow.
 */
export const MAX_PNG_CHUNKS = 100_000;

// ---- how long

/** A request's time limit, its body's upload included: past it, 503. */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The time limit on reading one body in the decoding worker, waiting for it
 * included (not a new worker's start-up): under {@linkcode REQUEST_TIMEOUT_MS},
 * so that the decoding is stopped, and the worker with it, before the request
 * is.
 */
export const DECODE_TIMEOUT_MS = 8000;

/**
 * The most milliseconds of computing promised to large work at once (the
 * work clock, lib/runtime/batcher.ts): work that would wait longer is
 * refused at once, well inside {@linkcode REQUEST_TIMEOUT_MS}.
 */
export const QUEUE_LIMIT_MS = 4000;

// ---- what the server takes on at once (defaults of its settings)

/** Memory for the work in flight, all requests together (`WORK_BUDGET_MB`). */
export const WORK_BUDGET_MB = 80;

/** Predictions (`/api/predict`, V2 infer) per client a minute (`RATE_LIMIT_PER_MINUTE`). */
export const PREDICTIONS_PER_MINUTE = 600;

/** Drawings stored or deleted per client a minute (`DRAWINGS_PER_MINUTE`). */
export const DRAWINGS_PER_MINUTE = 10;

/**
 * The 413 of a body over its limit: `what` it is (e.g. "JSON body") and the
 * limit in bytes, as the server says it wherever the body is counted (read,
 * or inflated).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { BODY_LIMITS, bodyOverLimit } from "./limits.ts";
 *
 * const error = bodyOverLimit("JSON body", BODY_LIMITS.json);
 * assertEquals(error.status, 413);
 * assertEquals(
 *   error.message,
 *   "The JSON body is over its limit of 16777216 bytes: send less",
 * );
 * ```
 */
export function bodyOverLimit(what: string, limit: number): ClientError {
  return new ClientError(
    413,
    `The ${what} is over its limit of ${limit} bytes: send less`,
  );
}
