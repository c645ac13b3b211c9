/**
 * A listing's query as a KV selector over an index, and its cursor: where
 * the next page starts, as the time and id of the last drawing shown,
 * `<createdAt in ms>_<id>`.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { BY_LABEL, BY_TIME } from "./_record.ts";

/** The largest page of a listing. */
export const MAX_PAGE = 100;

/** What a listing asks for. */
export interface ListingQuery {
  /** Only drawings of this label, 0–9. */
  label?: number;
  /** 1 to {@linkcode MAX_PAGE} (20 by default). */
  limit?: number;
  /** The `cursor` of the page before, to read on. */
  cursor?: string;
}

/**
 * The index entries a listing reads (newest first, up to the cursor), and
 * how many it shows.
 *
 * @throws {RangeError} When the label or limit is out of range.
 * @throws {ClientError} 400 when the cursor is not of {@linkcode CURSOR_PATTERN}'s form.
 */
export function listingSelector(
  query: ListingQuery,
): { selector: Deno.KvListSelector; limit: number } {
  const { label, limit = 20, cursor } = query;
  if (
    label !== undefined &&
    !(Number.isInteger(label) && label >= 0 && label <= 9)
  ) {
    throw new RangeError(`Cannot list drawings: label ${label} is not 0–9`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new RangeError(
      `Cannot list drawings: limit is 1 to ${MAX_PAGE}, got ${limit}`,
    );
  }
  const prefix = label === undefined ? [BY_TIME] : [BY_LABEL, label];
  const selector = cursor === undefined
    ? { prefix }
    : { prefix, end: [...prefix, ...parseCursor(cursor)] };
  return { selector, limit };
}

/**
 * A cursor's form: the milliseconds since the epoch when the last drawing
 * shown was stored (1 to 15 digits), `_`, its id (a UUID).
 */
export const CURSOR_PATTERN = /^(\d{1,15})_([0-9a-f-]{36})$/;

/**
 * The cursor of a drawing in a listing.
 *
 * @example
 * ```ts
 * import { assertEquals, assertMatch } from "@std/assert";
 * import { CURSOR_PATTERN, cursorOf, parseCursor } from "./_listing.ts";
 *
 * const id = "0b6c5e0e-8d2c-4b8e-9a44-3f1d2c5b7a10";
 * const cursor = cursorOf(1767225600000, id);
 * assertEquals(cursor, `1767225600000_${id}`);
 * assertMatch(cursor, CURSOR_PATTERN);
 * assertEquals(parseCursor(cursor), [1767225600000, id]);
 * ```
 */
export function cursorOf(time: number, id: string): string {
  return `${time}_${id}`;
}

/**
 * The time and id in a cursor.
 *
 * @throws {ClientError} 400 when it is not of {@linkcode CURSOR_PATTERN}'s form.
 */
export function parseCursor(cursor: string): [number, string] {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) {
    throw new ClientError(
      400,
      "Invalid cursor: pass back the cursor of the previous page as it came",
    );
  }
  return [Number(match[1]), match[2]];
}
