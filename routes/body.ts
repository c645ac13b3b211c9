/**
 * Reading a request body once: its kind from the content type (classified in
 * one place), and its bytes streamed under a size limit and the request's
 * signal, so an over-long body is refused as soon as it passes the limit and
 * a body still arriving when the time is up stops being read.
 *
 * @module
 */

import { InputError } from "../lib/input_error.ts";

/** What a body holds, by its content type. */
export type BodyKind = "json" | "image" | "multipart" | "bytes";

/** The content types the prediction route takes, for messages. */
export const PREDICT_TYPES =
  "application/json, image/png, image/jpeg, multipart/form-data (field image) or application/octet-stream";

/** The kind of a body from its `Content-Type`, or undefined for any other type. */
export function bodyKind(
  contentType: string | undefined,
): BodyKind | undefined {
  if (!contentType) return undefined;
  const type = contentType.split(";", 1)[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type === "image/png" || type === "image/jpeg" || type === "image/jpg") {
    return "image";
  }
  if (type === "multipart/form-data") return "multipart";
  if (type === "application/octet-stream") return "bytes";
  return undefined;
}

/** Options of {@linkcode readBody}. */
export interface ReadBodyOptions {
  /** The most bytes accepted; past it, a 413. */
  limit: number;
  /** What the body is, for the 413 message (e.g. "JSON body"). */
  what: string;
  /** Stops the read (and cancels the upload) when it aborts. */
  signal?: AbortSignal;
}

/**
 * Reads a request's body into bytes, at most `limit` of them.
 *
 * @throws {InputError} 413 when the body (declared or sent) is over the limit.
 * @throws The signal's reason when it aborts mid-read.
 */
export async function readBody(
  request: Request,
  options: ReadBodyOptions,
): Promise<Uint8Array> {
  const { limit, what, signal } = options;
  const tooLarge = () =>
    new InputError(
      413,
      `The ${what} is over its limit of ${limit} bytes: send less`,
    );
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const stop = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        stop();
        throw tooLarge();
      }
      chunks.push(value);
    }
    signal?.throwIfAborted();
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Parses a JSON body read by {@linkcode readBody}.
 *
 * @throws {InputError} 400 when it is empty or not JSON.
 */
export function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) {
    throw new InputError(
      400,
      'The body is empty: send JSON such as {"pixels": [784 numbers]}',
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InputError(
      400,
      "Invalid JSON in the request body: check its syntax",
    );
  }
}
