/**
 * Tests of `lib/limits.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { BODY_LIMITS, bodyOverLimit, MAX_BATCH } from "../../lib/limits.ts";

Deno.test("bodyOverLimit() is a 413 that names the body and its limit, and says what to do", () => {
  const error = bodyOverLimit("JSON body", BODY_LIMITS.json);
  assertEquals(error.status, 413);
  assertEquals(
    error.message,
    "The JSON body is over its limit of 16777216 bytes: send less",
  );
});

Deno.test("the raw bytes limit is MAX_BATCH images of 784 bytes", () => {
  assertEquals(BODY_LIMITS.bytes, MAX_BATCH * 784);
});
