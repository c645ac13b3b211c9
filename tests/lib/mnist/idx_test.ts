/**
 * Tests of `lib/mnist/idx.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { parseIdx } from "../../../lib/mnist/idx.ts";

function idx(header: number[], data: number[]): Uint8Array {
  return new Uint8Array([...header, ...data]);
}

Deno.test("parseIdx() reads the shape and the bytes of a 2×3 array", () => {
  const file = idx([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3], [1, 2, 3, 4, 5, 6]);
  const { shape, data } = parseIdx(file, "a");
  assertEquals(shape, [2, 3]);
  assertEquals([...data], [1, 2, 3, 4, 5, 6]);
});

Deno.test("parseIdx() reads a vector of labels", () => {
  const { shape, data } = parseIdx(idx([0, 0, 8, 1, 0, 0, 0, 2], [7, 3]), "t");
  assertEquals(shape, [2]);
  assertEquals([...data], [7, 3]);
});

const errorCases: [Uint8Array, string][] = [
  [new Uint8Array([0, 0]), "shorter than the 4-byte magic number"],
  [idx([0, 0, 0x0d, 1, 0, 0, 0, 1], [0]), "magic number"],
  [idx([1, 0, 8, 1, 0, 0, 0, 1], [0]), "got 0x01000801"],
  [idx([0, 0, 8, 3, 0, 0, 0, 1], []), "header of 16 bytes"],
  [idx([0, 0, 8, 1, 0, 0, 0, 3], [1, 2]), "3 data bytes expected"],
  [idx([0, 0, 8, 1, 0, 0, 0, 1], [1, 2]), "got 2 (truncated or corrupt)"],
];

for (const [file, message] of errorCases) {
  Deno.test(`parseIdx() refuses a bad file: ${message}`, () => {
    const error = assertThrows(
      () => parseIdx(file, "bad-file"),
      SyntaxError,
      message,
    );
    assertEquals(error.message.includes("bad-file"), true);
  });
}
