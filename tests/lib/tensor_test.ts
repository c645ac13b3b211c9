/**
 * Tests of `lib/tensor.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { row, rows } from "../../lib/tensor.ts";

Deno.test("row() and rows() give views along the first axis", () => {
  const tensor = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] };
  assertEquals(row(tensor, 1), Float32Array.from([3, 4]));
  assertEquals(rows(tensor, 1, 9).shape, [2, 2]);
  assertThrows(() => row(tensor, 3), RangeError, "rows 0 to 2");
});
