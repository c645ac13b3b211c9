/**
 * A failed call's message as the page's texts receive it: the server's own
 * message (the API's errors say how to fix the request), or OFFLINE when no
 * server answered, which each language puts in its own words.
 *
 * @module
 */

import { OFFLINE } from "../offline.ts";

export { OFFLINE };

/**
 * Whether a failed call's `message` says that no server answered.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { OFFLINE, unreached } from "./failure.ts";
 *
 * assert(unreached(OFFLINE));
 * assert(!unreached("label: a digit from 0 to 9 expected"));
 * ```
 */
export function unreached(message: string): boolean {
  return message === OFFLINE;
}
