import { assertEquals, assertNotEquals } from "@std/assert";
import { contentHash } from "../../../lib/assets/content_hash.ts";

Deno.test("contentHash() is 12 hex digits of SHA-256, new for new bytes", async () => {
  // SHA-256("abc") = ba7816bf8f01cfea…
  assertEquals(
    await contentHash(new TextEncoder().encode("abc")),
    "ba7816bf8f01",
  );
  assertNotEquals(
    await contentHash(new TextEncoder().encode("abd")),
    "ba7816bf8f01",
  );
});
