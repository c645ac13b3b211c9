/**
 * A cheap look at a JSON body before `JSON.parse`: how many arrays and
 * objects it opens. Parsing costs time and memory per array and object — a
 * body of millions of nested brackets held the event loop for seconds and
 * took most of a gigabyte (docs/BENCHMARKS.md, round 3) — while the bodies
 * the API reads have {@linkcode MAX_JSON_CONTAINERS} at most. Counting them is a byte
 * search, not a parse, and a body no longer than the limit is not searched.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { MAX_JSON_CONTAINERS } from "../limits.ts";

const OPEN_ARRAY = 0x5b; // [
const OPEN_OBJECT = 0x7b; // {

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
 * Refuses a JSON body that opens more than `limit` arrays and objects (a
 * bracket inside a string counts too: such bodies are refused anyway). A
 * body of no more bytes than `limit` cannot, and is not searched.
 *
 * @param what How the message names the body, e.g. "JSON body".
 * @throws {ClientError} 400 saying how many are allowed.
 */
export function checkJsonContainers(
  bytes: Uint8Array,
  limit: number = MAX_JSON_CONTAINERS,
  what = "JSON body",
): void {
  if (bytes.length <= limit) return;
  const arrays = occurrences(bytes, OPEN_ARRAY, limit);
  const objects = arrays > limit ? 0 : occurrences(bytes, OPEN_OBJECT, limit);
  if (arrays + objects > limit) {
    throw new ClientError(
      400,
      `The ${what} opens more than ${limit} arrays and objects: send images as 784 numbers or 28 rows of 28, at most 1000 of them`,
    );
  }
}
