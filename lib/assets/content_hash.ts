/**
 * Content hashes for cache-busting URLs: a file named with its hash can be
 * cached for good, since new bytes get a new name.
 *
 * @module
 */

import { createHash } from "node:crypto";

/**
 * The first 12 hex digits of the SHA-256 of `bytes`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { contentHash } from "./content_hash.ts";
 *
 * assertEquals(await contentHash(new Uint8Array()), "e3b0c44298fc");
 * ```
 */
export function contentHash(bytes: Uint8Array): Promise<string> {
  // node:crypto hashes the bytes where they are: crypto.subtle.digest takes a
  // copy first (the wasm's size again, at the first page view)
  return Promise.resolve(
    createHash("sha256").update(bytes).digest("hex").slice(0, 12),
  );
}
