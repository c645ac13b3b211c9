/**
 * The limits of one request, in one place: how many images, how many bytes
 * of each kind of body. The server, the OpenAPI document and the tests read
 * them from here.
 *
 * @module
 */

/** The most images one request may hold (JSON batch, raw bytes or V2 tensor). */
export const MAX_BATCH = 1000;

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
