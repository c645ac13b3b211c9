/**
 * Tests of `lib/input_error.ts`.
 *
 * @module
 */

import { assertEquals, assertInstanceOf, assertMatch } from "@std/assert";
import { InputError, postError, receiveError } from "../../lib/input_error.ts";

Deno.test("a client's mistake crosses postMessage as the same InputError", () => {
  const error = new InputError(503, "busy", {
    headers: { "retry-after": "1" },
  });
  const posted = structuredClone(postError(error));
  const received = receiveError(posted, "test worker") as InputError;
  assertInstanceOf(received, InputError);
  assertEquals(
    [received.status, received.message, received.headers],
    [503, "busy", { "retry-after": "1" }],
  );
});

Deno.test("a bug crosses postMessage as an Error naming the worker, with its stack", () => {
  const posted = structuredClone(postError(new TypeError("x is undefined")));
  const received = receiveError(posted, "test worker");
  assertEquals(received instanceof InputError, false);
  assertMatch(
    received.message,
    /^The test worker failed: TypeError: x is undefined\n\s+at /,
  );
  assertEquals(
    receiveError(postError("thrown text"), "w").message,
    "The w failed: thrown text",
  );
});
