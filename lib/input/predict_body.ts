/**
 * The JSON body of `POST /api/predict` — `{"pixels": image}` or
 * `{"batch": [images]}`, with an optional `"scale"` — read and checked in one
 * pass into pixels. The OpenAPI schema in routes/schemas.ts documents the same
 * shape; a test holds the two to each other.
 *
 * Before `JSON.parse`, a cheap look at any JSON body the API reads
 * ({@linkcode checkJsonContainers}, V2's too): how many arrays and objects
 * it opens, and how many values it holds. Parsing costs time and memory per
 * array, object and value — a body of millions of nested brackets held the
 * event loop for seconds and took most of a gigabyte, and 16 MiB of zeros
 * took the server past 450 MB in two bodies (docs/BENCHMARKS.md, rounds 3
 * and 10) — while the bodies the API reads have `MAX_JSON_CONTAINERS` and
 * `MAX_JSON_VALUES` at most. Counting them is a byte search, not a parse,
 * and a body no longer than a limit cannot pass it and is not searched.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { MAX_BATCH, MAX_JSON_CONTAINERS, MAX_JSON_VALUES } from "../limits.ts";
import { type Pixels, pixelsFromRows } from "./pixels.ts";

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {
const COMMA = 0x2c; // ,

/** How many times `byte` occurs in `bytes`, counted up to `limit + 1` at most. */
function occurrences(bytes: Uint8Array, byte: number, limit: number): number {
  let count = 0;
  for (
    let at = bytes.indexOf(byte);
    at !== -1 && count <= limit;
    at = bytes.indexOf(byte, at + 1)
  ) count++;
  return count;
}

/**
 * Refuses a JSON body that opens more than `limit` arrays and objects, or
 * holds more than `maxValues` values (counted by the commas between them),
 * before it is parsed: a bracket or comma inside a string counts too (such
 * bodies are refused anyway). A body no longer than a limit cannot pass it,
 * and is not searched for it.
 *
 * @param what How the message names the body, e.g. "JSON body".
 * @param maxValues The most values; `MAX_JSON_VALUES` of lib/limits.ts by default.
 * @throws {ClientError} 400 saying how many are allowed.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkJsonContainers } from "./predict_body.ts";
 * const zeros = new TextEncoder().encode(`{"pixels":[${"0,".repeat(20)}0]}`);
 * checkJsonContainers(zeros); // 21 values: far within the limits
 * assertThrows(() => checkJsonContainers(zeros, 32, "JSON body", 10));
 * ```
 */
export function checkJsonContainers(
  bytes: Uint8Array,
  limit: number = MAX_JSON_CONTAINERS,
  what = "JSON body",
  maxValues: number = MAX_JSON_VALUES,
): void {
  const refuse = (excess: string) =>
    new ClientError(
      400,
      `The ${what} ${excess}: send images as 784 numbers or 28 rows of 28, at most ${MAX_BATCH} of them`,
    );
  if (bytes.length > limit) {
    const arrays = occurrences(bytes, OPEN_ARRAY, limit);
    const objects = arrays > limit ? 0 : occurrences(bytes, OPEN_OBJECT, limit);
    if (arrays + objects > limit) {
      throw refuse(`opens more than ${limit} arrays and objects`);
    }
  }
  // n commas separate n + 1 values
  if (
    bytes.length > maxValues &&
    occurrences(bytes, COMMA, maxValues) >= maxValues
  ) throw refuse(`holds more than ${maxValues} values`);
}

/** The images of a JSON predict body. */
export interface PredictBody {
  pixels: Pixels;
  /** Whether the body held one image (`"pixels"`) rather than a `"batch"`. */
  single: boolean;
}

const FIELDS = new Set(["pixels", "batch", "scale"]);

function invalid(message: string): ClientError {
  return new ClientError(400, `Invalid request: ${message}`);
}

/**
 * Reads a parsed JSON body of `POST /api/predict`.
 *
 * @throws {ClientError} 400 for a wrong shape, field or type; 422 for a value
 * out of range (the message names the field, image and pixel).
 */
export function readPredictBody(body: unknown): PredictBody {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalid(
      'the body must be a JSON object: {"pixels": [784 numbers]} or {"batch": [images]}',
    );
  }
  const record = body as Record<string, unknown>;
  for (const key in record) {
    if (!FIELDS.has(key)) {
      throw invalid(
        `unknown field ${
          JSON.stringify(key.slice(0, 40))
        }: send "pixels" or "batch", and optionally "scale"`,
      );
    }
  }
  const { pixels, batch, scale = 1 } = record;
  if ((pixels === undefined) === (batch === undefined)) {
    throw invalid(
      'send either "pixels" (one image) or "batch" (a list of images)',
    );
  }
  if (scale !== 1 && scale !== 255) {
    throw invalid(
      "scale is 1 (values in [0, 1], the default) or 255 (values 0–255)",
    );
  }
  if (pixels !== undefined) {
    return {
      pixels: pixelsFromRows([pixels], { scale, field: "pixels" }),
      single: true,
    };
  }
  if (!Array.isArray(batch)) {
    throw invalid("batch is a list of images: send 1 to 1000 images");
  }
  if (batch.length === 0) {
    throw invalid("batch is empty: send 1 to 1000 images");
  }
  if (batch.length > MAX_BATCH) {
    throw invalid(
      `batch is over the limit of ${MAX_BATCH} images: split it`,
    );
  }
  return {
    pixels: pixelsFromRows(batch, { scale, field: "batch" }),
    single: false,
  };
}

/**
 * Parses a JSON body, refusing first one that opens more arrays and objects
 * than any the API reads ({@linkcode checkJsonContainers}).
 *
 * @throws {ClientError} 400 when it is empty, too deep or wide, or not JSON.
 */
export function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) {
    throw new ClientError(
      400,
      'The body is empty: send JSON such as {"pixels": [784 numbers]}',
    );
  }
  checkJsonContainers(bytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ClientError(
      400,
      "Invalid JSON in the request body: check its syntax",
    );
  }
}

/**
 * Reads the bytes of a JSON body of `POST /api/predict`:
 * {@linkcode parseJson}, then {@linkcode readPredictBody}.
 */
export function readPredictJson(bytes: Uint8Array): PredictBody {
  return readPredictBody(parseJson(bytes));
}
