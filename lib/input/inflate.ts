/**
 * A request body's Content-Encoding undone (gzip, or deflate in its zlib
 * wrapper, as `DecompressionStream` reads them) under a limit on the bytes
 * it makes: a gzip bomb stops at the limit, having made no more than it.
 * The decoding worker runs it (lib/http/_decode_worker.ts), so that
 * inflating megabytes never holds the event loop.
 *
 * @module
 */

import { gunzipSync, inflateSync } from "node:zlib";
import { ClientError } from "../errors.ts";
import { bodyOverLimit } from "../limits.ts";

/** The encodings a body may come in, by their `DecompressionStream` names. */
export type BodyFormat = "gzip" | "deflate";

/** Inflated output is gathered this many bytes at a time. */
const CHUNK = 64 * 1024;

/**
 * Inflates a compressed body into at most `limit` bytes.
 *
 * @param what What the body is, for the 413's message (e.g. "JSON body").
 * @throws {ClientError} 413 when it inflates to more than `limit` bytes; 400
 * when it is not valid `format` data (or ends too soon).
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { gzipSync } from "node:zlib";
 * import { inflateBody } from "./inflate.ts";
 * const bytes = inflateBody(gzipSync("[1, 2]"), "gzip", 100, "JSON body");
 * assertEquals(new TextDecoder().decode(bytes), "[1, 2]");
 * // a bomb stops at the limit
 * assertThrows(() => inflateBody(gzipSync(new Uint8Array(1000)), "gzip", 100, "JSON body"));
 * ```
 */
export function inflateBody(
  bytes: Uint8Array,
  format: BodyFormat,
  limit: number,
  what: string,
): Uint8Array {
  let inflated: Uint8Array;
  try {
    inflated = (format === "gzip" ? gunzipSync : inflateSync)(bytes, {
      chunkSize: CHUNK,
      maxOutputLength: Math.max(limit, 1),
    });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw bodyOverLimit(what, limit);
    }
    throw new ClientError(
      400,
      `Cannot decompress the body: it is not valid ${format} data`,
    );
  }
  if (inflated.length > limit) throw bodyOverLimit(what, limit);
  // a plain Uint8Array over zlib's output (a Node Buffer), not a copy
  return new Uint8Array(
    inflated.buffer,
    inflated.byteOffset,
    inflated.byteLength,
  );
}
