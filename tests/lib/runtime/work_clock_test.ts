/**
 * Tests of `lib/runtime/work_clock.ts`.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { ServerBusy } from "../../../lib/errors.ts";
import { createWorkClock } from "../../../lib/runtime/work_clock.ts";

Deno.test("createWorkClock() learns each model's cost per image from its runs", () => {
  const clock = createWorkClock({ smoothing: 0.5 });
  assertEquals(clock.msPerImage("deep-cnn"), 0);
  clock.observe("deep-cnn", { images: 25, runMs: 50 });
  assertEquals(clock.msPerImage("deep-cnn"), 2);
  clock.observe("deep-cnn", { images: 10, runMs: 40 });
  assertEquals(clock.msPerImage("deep-cnn"), 3); // halfway from 2 to 4
  clock.observe("mlp", { images: 100, runMs: 1 });
  assertAlmostEquals(clock.msPerImage("mlp"), 0.01);
  clock.observe("mlp", { images: 0, runMs: 1 }); // nothing to learn
  assertAlmostEquals(clock.msPerImage("mlp"), 0.01);
});

Deno.test("createWorkClock() refuses work that would end past the limit, with Retry-After", () => {
  const clock = createWorkClock({ limitMs: 1000 });
  clock.observe("deep-cnn", { images: 1, runMs: 2 });
  const first = clock.admit("deep-cnn", 400); // 800 ms
  assertEquals(clock.pendingMs, 800);
  // 200 ms of its own, taking turns with the 800: ends after 400 ms
  const small = clock.admit("deep-cnn", 100);
  assertEquals(clock.pendingMs, 1000);
  // 600 ms of its own: 600 + 600 of the first + 200 of the second > 1000
  const error = assertThrows(
    () => clock.admit("deep-cnn", 300),
    ServerBusy,
    "busy computing other requests (about 1 s of work ahead)",
  );
  assertEquals(error.status, 503);
  assertEquals(error.retryAfterSeconds, 1);
  first();
  first(); // given back once only
  assertEquals(clock.pendingMs, 200);
  small();
  assertEquals(clock.pendingMs, 0);
});

Deno.test("createWorkClock() admits any work that finds the queue empty", () => {
  const clock = createWorkClock({ limitMs: 100 });
  clock.observe("deep-cnn", { images: 1, runMs: 5 });
  const huge = clock.admit("deep-cnn", 1000); // 5 s alone: still admitted
  assertEquals(clock.pendingMs, 5000);
  assertThrows(() => clock.admit("deep-cnn", 20), ServerBusy); // 100 + 100 ms
  clock.observe("mlp", { images: 100, runMs: 1 });
  // a 1000-image MLP batch (10 ms) takes turns with the CNN's pieces: admitted
  const quick = clock.admit("mlp", 1000);
  assertAlmostEquals(clock.pendingMs, 5010);
  quick();
  huge();
  clock.admit("deep-cnn", 1000)();
  assertThrows(() => createWorkClock({ limitMs: 0 }), RangeError);
  assertThrows(() => createWorkClock({ smoothing: 2 }), RangeError);
});
