/**
 * Reading a request body once: its kind from the content type (classified in
 * one place), and its bytes streamed under a size limit and the request's
 * signal, so an over-long body is refused as soon as it passes the limit and
 * a body still arriving when the time is up stops being read.
 *
 * @module
 */

import { ClientError } from "../lib/errors.ts";
import { inflateOffThread } from "../lib/http/mod.ts";
import type { BodyFormat } from "../lib/input/mod.ts";
import { workBuffer } from "../lib/large_buffer.ts";
import { bodyOverLimit, MAX_FORM_PARTS } from "../lib/limits.ts";

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

/** The encodings a body may come in, as `Content-Encoding` names them. */
export const BODY_ENCODINGS = ["identity", "gzip", "deflate"] as const;

/**
 * The DecompressionStream format of a `Content-Encoding`, or undefined for
 * none (identity).
 *
 * @throws {ClientError} 415 for an encoding the server does not decode.
 */
export function decompression(
  encoding: string | null,
): BodyFormat | undefined {
  const name = encoding?.trim().toLowerCase() ?? "";
  if (name === "" || name === "identity") return undefined;
  if (name === "gzip" || name === "x-gzip") return "gzip";
  if (name === "deflate") return "deflate";
  throw new ClientError(
    415,
    `Unsupported Content-Encoding ${
      JSON.stringify(name.slice(0, 40))
    }: send the body as is, or gzip or deflate`,
  );
}

/** Bodies up to this many bytes, with a declared length, are read in one go. */
const SMALL_BODY = 64 * 1024;

/** Options of {@linkcode readBody}. */
export interface ReadBodyOptions {
  /** The most bytes accepted; past it, a 413. */
  limit: number;
  /** What the body is, for the 413 message (e.g. "JSON body"). */
  what: string;
  /** Stops the read (and cancels the upload) when it aborts. */
  signal?: AbortSignal;
  /**
   * Called with the declared length (if any) before a byte is read, then with
   * each chunk's bytes beyond it as they arrive, and for a compressed body
   * with its inflated bytes beyond those once inflated; may throw to refuse
   * the rest.
   */
  onBytes?: (bytes: number) => void;
}

/**
 * Reads a request's body into bytes, at most `limit` of them; a gzip or
 * deflate body (`Content-Encoding`) is inflated, to at most `limit` bytes, in
 * the decoding worker (lib/http/decode.ts).
 *
 * @throws {ClientError} 413 when the body (declared, sent or inflated) is over
 * the limit; 400 when a compressed body is not valid; 415 for an encoding not
 * decoded.
 * @throws {ServerBusy} When the decoding worker is busy.
 * @throws The signal's reason when it aborts mid-read.
 */
export async function readBody(
  request: Request,
  options: ReadBodyOptions,
): Promise<Uint8Array> {
  const { limit, what, signal, onBytes } = options;
  const tooLarge = () => bodyOverLimit(what, limit);
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  const format = decompression(request.headers.get("content-encoding"));
  if (!format && declared !== null && Number(declared) <= SMALL_BODY) {
    // the common case — one image, a few KB, its length declared — in one
    // read, not a chunk loop: the hot path of the API. `request.body` is not
    // looked at: that getter would make the body a stream, read the slow way
    onBytes?.(Number(declared));
    signal?.throwIfAborted();
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length > limit) throw tooLarge();
    return bytes;
  }
  if (request.body === null) return new Uint8Array();
  const body = request.body;
  // a declared length is charged whole, up front: concurrent uploads charged
  // chunk by chunk could each take part of the budget and all fail together
  let charged = 0;
  if (declared !== null && onBytes) {
    charged = Number(declared);
    onBytes(charged);
  }
  // every chunk is copied into one buffer (through one scratch buffer where
  // the stream reads into buffers it is given): Deno hands each chunk of a
  // request body over in a 64 KiB buffer of its own, so keeping the chunks
  // kept 64 KiB per chunk: a body trickled a byte at a time held 65,536
  // times its size
  const buffer = new BodyBuffer(
    declared === null ? FIRST_BUFFER : Number(declared),
    limit,
  );
  const byob = byobReader(body);
  const reader = byob ?? body.getReader();
  const stop = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    while (true) {
      signal?.throwIfAborted();
      const more = byob
        ? await buffer.readFrom(byob)
        : await (reader as ReadableStreamDefaultReader<Uint8Array>).read()
          .then(({ done, value }) =>
            done ? false : (buffer.append(value), true)
          );
      if (!more) break;
      if (buffer.size > limit) throw tooLarge();
      if (buffer.size > charged) {
        onBytes?.(buffer.size - charged);
        charged = buffer.size;
      }
    }
    signal?.throwIfAborted();
  } catch (error) {
    stop(); // stop receiving what will not be read
    throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  if (!format) return buffer.bytes();
  // the limit counts the inflated bytes: a gzip bomb stops at it. Inflating
  // is done in the decoding worker, bounded there: a small chunk of a bomb
  // makes megabytes, and inflated here, even a megabyte a turn, a flood of
  // bombs kept /api/health waiting (docs/BENCHMARKS.md)
  // the compressed bytes are not needed here again: moved, not copied
  const inflated = await inflateOffThread(buffer.bytes(), format, limit, what, {
    signal,
  });
  if (inflated.length > charged) onBytes?.(inflated.length - charged);
  return inflated;
}

/** The most bytes one read asks for. */
const READ_SIZE = 64 * 1024;

/** The first buffer of a body whose length is not known in advance. */
const FIRST_BUFFER = 16 * 1024;

/** A reader that reads into buffers it is given, where the stream has one. */
function byobReader(
  body: ReadableStream<Uint8Array>,
): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: "byob" });
  } catch {
    return undefined; // a stream of chunks (e.g. a Request made in a test)
  }
}

/**
 * One buffer that a body's bytes are gathered in: a work buffer reserved up
 * to one byte over the limit (so that a body over it shows as over it) and
 * grown in place, by doubling, as the body arrives — a mapping of its own
 * from a megabyte up, never copied.
 */
class BodyBuffer {
  #buffer: ArrayBuffer;
  size = 0;
  #cap: number;
  /** What BYOB reads land in, before their bytes are copied in. */
  #scratch: ArrayBuffer | undefined;

  constructor(first: number, limit: number) {
    this.#cap = limit + 1;
    // one byte more than a declared length: the read that finds the end
    // needs room to read into
    this.#buffer = workBuffer(Math.min(first + 1, this.#cap), this.#cap);
  }

  /** Makes room for `more` bytes (as far as the cap allows). */
  #room(more: number): void {
    const needed = Math.min(this.size + more, this.#cap);
    if (needed <= this.#buffer.byteLength) return;
    const length = Math.min(
      Math.max(needed, this.#buffer.byteLength * 2),
      this.#cap,
    );
    if (this.#buffer.resizable) {
      this.#buffer.resize(length);
      return;
    }
    const grown = workBuffer(length); // a small cap: a plain buffer
    new Uint8Array(grown).set(new Uint8Array(this.#buffer, 0, this.size));
    this.#buffer = grown;
  }

  /**
   * Reads the next bytes (at most 64 KiB, as Deno's own chunks: a larger
   * view costs Deno a buffer of its size on every read) and copies them in;
   * false at the end. A read moves the buffer it reads into, and moving a
   * resizable buffer copies it whole, so reads land in a small scratch
   * buffer of their own, used again by the next read.
   */
  async readFrom(reader: ReadableStreamBYOBReader): Promise<boolean> {
    const { done, value } = await reader.read(
      new Uint8Array(this.#scratch ?? new ArrayBuffer(READ_SIZE)),
    );
    if (value) this.#scratch = value.buffer as ArrayBuffer;
    if (done || !value) return false;
    this.append(value);
    return true;
  }

  /** Copies a chunk in (as much of it as fits under the cap). */
  append(chunk: Uint8Array): void {
    this.#room(chunk.length);
    const fits = Math.min(chunk.length, this.#buffer.byteLength - this.size);
    new Uint8Array(this.#buffer, this.size, fits).set(
      chunk.subarray(0, fits),
    );
    // a chunk cut at the cap still counts whole: the body is over its limit
    this.size += chunk.length;
  }

  /** The bytes gathered. */
  bytes(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.#buffer, 0, this.size);
  }
}

/**
 * The boundary of a multipart body, from its `Content-Type`.
 *
 * @throws {ClientError} 400 when there is none, or it is not 1–70 characters.
 */
export function formBoundary(contentType: string): string {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(
    contentType,
  );
  const boundary = match?.[1] ?? match?.[2] ?? "";
  if (boundary.length < 1 || boundary.length > 70) {
    throw new ClientError(
      400,
      "Cannot read the multipart form: its Content-Type needs a boundary of 1 to 70 characters",
    );
  }
  return boundary;
}

const CR = 0x0d, LF = 0x0a, DASH = 0x2d;

/**
 * Refuses a multipart body of more than `limit` parts before it is parsed:
 * `Response.formData()` parses every part on the thread that calls it, and
 * 200,000 empty fields held the event loop over a second. The parts are
 * counted by their delimiters (CRLF, `--`, the boundary) in one pass over
 * the bytes, which stops at the limit: a boundary holds no CR, so no byte is
 * looked at more than twice, whatever the body.
 *
 * @throws {ClientError} 413 over the limit; 400 without a usable boundary.
 */
export function checkFormParts(
  bytes: Uint8Array,
  contentType: string,
  limit: number = MAX_FORM_PARTS,
): void {
  const boundary = new TextEncoder().encode(formBoundary(contentType));
  const matches = (at: number) => {
    if (at + boundary.length > bytes.length) return false;
    for (let i = 0; i < boundary.length; i++) {
      if (bytes[at + i] !== boundary[i]) return false;
    }
    return true;
  };
  // the first delimiter may open the body, without a CRLF before it
  let parts = bytes[0] === DASH && bytes[1] === DASH && matches(2) ? 1 : 0;
  const end = bytes.length - 3;
  for (let at = 0; at < end; at++) {
    if (
      bytes[at] === CR && bytes[at + 1] === LF && bytes[at + 2] === DASH &&
      bytes[at + 3] === DASH && matches(at + 4)
    ) {
      // the closing delimiter is counted too: limit + 1 delimiters at most
      if (++parts > limit + 1) {
        throw new ClientError(
          413,
          `The multipart form has more than ${limit} parts: send the picture alone, as the field image`,
        );
      }
      at += 3 + boundary.length;
    }
  }
}
