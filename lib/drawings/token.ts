/**
 * Delete tokens: a secret given once to the reader who stored a drawing.
 * The store keeps only its SHA-256 hash, so neither a listing nor a copy of
 * the database can delete anybody's drawing.
 *
 * @module
 */

/** A new token: 32 random bytes, base64url without padding (43 characters). */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The SHA-256 of a token, as 64 lowercase hex digits. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(token),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Whether `token` hashes to `hash`, comparing every character whatever the
 * first difference (no timing hint of how much of it matched).
 */
export async function tokenMatches(
  token: string,
  hash: string,
): Promise<boolean> {
  const actual = await hashToken(token);
  let difference = actual.length ^ hash.length;
  for (let i = 0; i < actual.length; i++) {
    difference |= actual.charCodeAt(i) ^ (hash.charCodeAt(i) || 0);
  }
  return difference === 0;
}
