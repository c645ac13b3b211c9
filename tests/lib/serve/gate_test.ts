/**
 * Tests of `lib/serve/gate.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { createGate } from "../../../lib/serve/gate.ts";

Deno.test("createGate() runs at most `limit` pieces of work at once, in arrival order", async () => {
  const gate = createGate(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const work = (i: number) => async () => {
    running++;
    most = Math.max(most, running);
    order.push(i);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    return i;
  };
  const results = await Promise.all(
    [0, 1, 2, 3, 4].map((i) => gate.run(work(i))),
  );
  assertEquals(results, [0, 1, 2, 3, 4]);
  assertEquals(order, [0, 1, 2, 3, 4]);
  assertEquals(most, 2);
  assertEquals([gate.active, gate.waiting], [0, 0]);
});

Deno.test("createGate() frees the place of work that fails", async () => {
  const gate = createGate(1);
  await assertRejects(
    () => gate.run(() => Promise.reject(new Error("boom"))),
    Error,
    "boom",
  );
  assertEquals(await gate.run(() => Promise.resolve(7)), 7);
  assertEquals(gate.active, 0);
});

Deno.test("createGate() refuses a limit that is not a positive integer", () => {
  for (const limit of [0, -1, 1.5, NaN]) {
    assertThrows(() => createGate(limit), RangeError, "positive integer");
  }
});
