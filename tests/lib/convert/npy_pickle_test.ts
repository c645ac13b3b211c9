/**
 * Tests of `lib/convert/npy_pickle.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { readNumpyPickle } from "../../../lib/convert/npy_pickle.ts";
import { PICKLE } from "../../_data.ts";

Deno.test("readNumpyPickle() reads the book's six float32 arrays with their shapes", async () => {
  const weights = readNumpyPickle(await Deno.readFile(PICKLE));
  const shapes = Object.fromEntries(
    Object.entries(weights).map(([name, a]) => [name, [a.dtype, ...a.shape]]),
  );
  assertEquals(shapes, {
    W1: ["float32", 784, 50],
    b1: ["float32", 50],
    W2: ["float32", 50, 100],
    b2: ["float32", 100],
    W3: ["float32", 100, 10],
    b3: ["float32", 10],
  });
  assertEquals(weights.W1.data.length, 784 * 50);
});

// Made by numpy 2 with pickle protocol 3 (see tests/fixtures/README.md):
// c = [[1, 2, 3], [4, 5, 6]] float64, f = the same in Fortran order, and
// t = arange(24, float32).reshape(2, 3, 4).transpose(2, 1, 0) (Fortran order).
const ORDERS = new URL("../../fixtures/orders.pkl", import.meta.url);

Deno.test("readNumpyPickle() reorders Fortran-order arrays into C order", async () => {
  const { c, f, t } = readNumpyPickle(await Deno.readFile(ORDERS));
  assertEquals([c.dtype, c.shape, [...c.data]], ["float64", [2, 3], [
    1,
    2,
    3,
    4,
    5,
    6,
  ]]);
  assertEquals([f.dtype, f.shape, [...f.data]], ["float64", [2, 3], [
    1,
    2,
    3,
    4,
    5,
    6,
  ]]);
  assertEquals(t.shape, [4, 3, 2]);
  // t[i][j][k] = 12k + 4j + i
  const expected = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 2; k++) expected.push(12 * k + 4 * j + i);
    }
  }
  assertEquals([...t.data], expected);
});

const errorCases: [Uint8Array, ErrorConstructor, string][] = [
  [new Uint8Array([0x80, 0x02]), SyntaxError, "Cannot read pickle"],
  [
    new Uint8Array([
      0x80,
      0x02,
      0x63,
      ...new TextEncoder().encode("os\nsystem\n"),
      0x2e,
    ]),
    TypeError,
    "class os.system is not allowed",
  ],
  [
    new Uint8Array([0x80, 0x02, 0x4b, 0x05, 0x2e]),
    TypeError,
    "a dict of numpy arrays expected",
  ],
  [
    new Uint8Array([
      0x80,
      0x02,
      0x7d,
      0x58,
      1,
      0,
      0,
      0,
      0x61,
      0x4b,
      1,
      0x73,
      0x2e,
    ]),
    TypeError,
    "entry a is not a numpy array",
  ],
];

for (const [bytes, ErrorClass, message] of errorCases) {
  Deno.test(`readNumpyPickle() refuses: ${message}`, () => {
    assertThrows(() => readNumpyPickle(bytes), ErrorClass, message);
  });
}
