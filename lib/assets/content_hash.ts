/**
 * Content hashes for cache-busting URLs: a file named with its hash can be
 * cached for good, since new bytes get a new name.
 *
 * @module
 */

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
export async function contentHash(bytes: Uint8Array): Promise<string> {
  // Web Crypto: built in, hashing off the event loop (node:crypto hashed in
  // place, but loading it took longer than the page's first answer may)
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  let hex = "";
  for (const byte of digest.subarray(0, 6)) {
    hex += byte.toString(16).padStart(2, "0");
  }
  return hex;
}
