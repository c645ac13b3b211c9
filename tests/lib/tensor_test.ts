/**
 * Tests of `lib/tensor.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { row, rows, toJsonNumbers } from "../../lib/tensor.ts";

Deno.test("toJsonNumbers() keeps each float32 exactly in 9 digits", () => {
  const values = new Float32Array([0.1, 1 / 3, 0.9119816422462463, 1.968e-5]);
  const numbers = toJsonNumbers(values);
  numbers.forEach((n, i) => assertEquals(Math.fround(n), values[i]));
  assertEquals(numbers[0], 0.100000001);
});

Deno.test("row() and rows() give views along the first axis", () => {
  const tensor = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] };
  assertEquals(row(tensor, 1), Float32Array.from([3, 4]));
  assertEquals(rows(tensor, 1, 9).shape, [2, 2]);
  assertThrows(() => row(tensor, 3), RangeError, "rows 0 to 2");
});
