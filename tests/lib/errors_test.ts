/**
 * Tests of `lib/errors.ts`.
 *
 * @module
 */

import { assertEquals, assertInstanceOf, assertMatch } from "@std/assert";
import {
  ClientError,
  postError,
  receiveError,
  ServerBusy,
} from "../../lib/errors.ts";

Deno.test("a client's mistake crosses postMessage as the same ClientError", () => {
  const posted = structuredClone(postError(new ClientError(422, "ink")));
  const received = receiveError(posted, "test worker") as ClientError;
  assertInstanceOf(received, ClientError);
  assertEquals([received.status, received.message], [422, "ink"]);
});

Deno.test("a busy server crosses postMessage as the same ServerBusy, with when to come back", () => {
  const error = new ServerBusy("busy", { retryAfterSeconds: 3 });
  const received = receiveError(
    structuredClone(postError(error)),
    "test worker",
  ) as ServerBusy;
  assertInstanceOf(received, ServerBusy);
  assertEquals(
    [received.status, received.message, received.retryAfterSeconds],
    [503, "busy", 3],
  );
});

Deno.test("ServerBusy asks to come back after whole seconds, at least one", () => {
  const cases: [number | undefined, number][] = [
    [undefined, 1],
    [0, 1],
    [0.2, 1],
    [2.1, 3],
    [5, 5],
  ];
  for (const [given, expected] of cases) {
    assertEquals(
      new ServerBusy("busy", { retryAfterSeconds: given }).retryAfterSeconds,
      expected,
      `${given}`,
    );
  }
});

Deno.test("a bug crosses postMessage as an Error naming the worker, with its stack", () => {
  const posted = structuredClone(postError(new TypeError("x is undefined")));
  const received = receiveError(posted, "test worker");
  assertEquals(received instanceof ClientError, false);
  assertEquals(received instanceof ServerBusy, false);
  assertMatch(
    received.message,
    /^The test worker failed: TypeError: x is undefined\n\s+at /,
  );
  assertEquals(
    receiveError(postError("thrown text"), "w").message,
    "The w failed: thrown text",
  );
});
