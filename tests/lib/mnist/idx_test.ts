/**
 * Tests of `lib/mnist/idx.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { encodeIdx, parseIdx } from "../../../lib/mnist/idx.ts";

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

Deno.test("encodeIdx() writes what parseIdx() reads: header, shape and bytes", () => {
  const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 10);
  const file = encodeIdx({ shape: [2, 3, 4], data });
  assertEquals(
    [...file.subarray(0, 16)],
    [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4],
  );
  const read = parseIdx(file, "written");
  assertEquals(read.shape, [2, 3, 4]);
  assertEquals(read.data, data);
});

Deno.test("encodeIdx() writes sizes past 255 big-endian, as MNIST's 10000", () => {
  const file = encodeIdx({ shape: [10000], data: new Uint8Array(10000) });
  assertEquals([...file.subarray(4, 8)], [0, 0, 0x27, 0x10]);
});

const writeErrorCases: [number[], number, string][] = [
  [[], 0, "1 to 255 dimensions"],
  [[2, 2], 3, "4 bytes expected"],
  [[-1], 0, "whole numbers"],
  [[1.5], 1, "whole numbers"],
];

for (const [shape, length, message] of writeErrorCases) {
  Deno.test(`encodeIdx() refuses shape [${shape}] with ${length} bytes`, () => {
    assertThrows(
      () => encodeIdx({ shape, data: new Uint8Array(length) }),
      RangeError,
      message,
    );
  });
}
