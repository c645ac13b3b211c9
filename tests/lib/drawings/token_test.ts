import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  hashToken,
  newToken,
  tokenMatches,
} from "../../../lib/drawings/token.ts";

Deno.test("newToken() gives 43 base64url characters, different every time", () => {
  const tokens = Array.from({ length: 100 }, newToken);
  for (const token of tokens) assertMatch(token, /^[A-Za-z0-9_-]{43}$/);
  assertEquals(new Set(tokens).size, 100);
});

Deno.test("hashToken() is SHA-256 in hex (the empty string's known digest)", async () => {
  assertEquals(
    await hashToken(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("tokenMatches() accepts the token of a hash and nothing else", async () => {
  const token = newToken();
  const hash = await hashToken(token);
  assert(await tokenMatches(token, hash));
  assert(!(await tokenMatches(newToken(), hash)));
  assert(!(await tokenMatches(token.slice(1), hash)));
  assert(!(await tokenMatches(token, hash.slice(0, 63))));
  assert(!(await tokenMatches(token, "")));
});
