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

Deno.test("toJsonNumbers() gives the doubles Number(value.toPrecision(9)) gives, for every kind of float32", () => {
  const bits = new Uint32Array(1_000_000);
  for (let i = 0; i < bits.length; i++) {
    bits[i] = (i * 2654435761 + (i >>> 7) * 40503) >>> 0; // spread over all patterns
  }
  const patterns = new Float32Array(bits.buffer);
  const edges = new Float32Array([
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    1e-45, // the least subnormal
    1.17549435e-38,
    3.4028235e38,
    1e-14,
    1e-15,
    1e9,
    99999999.5,
    999999999.5,
    0.1,
    0.01,
    1,
    10,
    -0.5,
    0.125,
    ...Array.from({ length: 40 }, (_, k) => 10 ** (k - 30)),
    ...Array.from({ length: 40 }, (_, k) => -(10 ** (k - 30)) * 0.999999),
  ]);
  const probabilities = Float32Array.from(
    { length: 200_000 },
    (_, i) => ((i * 0.6180339887) % 1) ** 8,
  );
  for (const values of [patterns, edges, probabilities]) {
    const numbers = toJsonNumbers(values);
    values.forEach((value, i) => {
      const expected = Number(value.toPrecision(9));
      if (!Object.is(numbers[i], expected)) {
        throw new Error(`${value}: ${numbers[i]}, expected ${expected}`);
      }
    });
  }
});

Deno.test("row() and rows() give views along the first axis", () => {
  const tensor = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] };
  assertEquals(row(tensor, 1), Float32Array.from([3, 4]));
  assertEquals(rows(tensor, 1, 9).shape, [2, 2]);
  assertThrows(() => row(tensor, 3), RangeError, "rows 0 to 2");
});
