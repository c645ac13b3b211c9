/**
 * Tests of `lib/mnist/load_mnist.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import {
  loadMnist,
  loadMnistSet,
  mnistFromIdx,
  oneHot,
} from "../../../lib/mnist/load_mnist.ts";

Deno.test("loadMnist() gives the book's shapes: (60000, 784), (60000,), (10000, 784)", async () => {
  const [[xTrain, tTrain], [xTest, tTest]] = await loadMnist({
    normalize: true,
    flatten: true,
    oneHotLabel: false,
  });
  assertEquals(xTrain.shape, [60000, 784]);
  assertEquals(tTrain.shape, [60000]);
  assertEquals(xTest.shape, [10000, 784]);
  assertEquals(tTest.shape, [10000]);
  assertEquals(xTrain.data instanceof Float32Array, true);
  assertEquals(xTrain.data.length, 60000 * 784);
  assertEquals([...tTest.data.subarray(0, 12)], [
    7,
    2,
    1,
    0,
    4,
    1,
    4,
    9,
    5,
    9,
    0,
    6,
  ]);
});

Deno.test("loadMnistSet() normalizes to [0, 1] as pixel / 255", async () => {
  const [raw] = await loadMnistSet("test", { normalize: false });
  const [x] = await loadMnistSet("test", { normalize: true });
  assertEquals(raw.data instanceof Uint8Array, true);
  let max = 0;
  for (const value of raw.data) max = Math.max(max, value);
  assertEquals(max, 255);
  for (const i of [0, 200, 350, 7_839_999]) {
    assertEquals(x.data[i], Math.fround(raw.data[i] / 255));
  }
  assertEquals(Math.max(...x.data.subarray(0, 784 * 10)), 1);
});

Deno.test("loadMnistSet() with flatten off gives N×1×28×28", async () => {
  const [x] = await loadMnistSet("test", { flatten: false });
  assertEquals(x.shape, [10000, 1, 28, 28]);
});

Deno.test("loadMnistSet() with oneHotLabel gives rows holding a single 1 at the label", async () => {
  const [, t] = await loadMnistSet("test", { oneHotLabel: true });
  const [, digits] = await loadMnistSet("test");
  assertEquals(t.shape, [10000, 10]);
  for (let i = 0; i < 10000; i++) {
    const row = [...t.data.subarray(i * 10, i * 10 + 10)];
    assertEquals(row.reduce((a, b) => a + b, 0), 1);
    assertEquals(row.indexOf(1), digits.data[i]);
  }
});

Deno.test("oneHot() puts a 1 at each digit", () => {
  assertEquals(oneHot(new Uint8Array([2, 0])), {
    data: new Uint8Array([
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    ]),
    shape: [2, 10],
  });
});

const header = (magic: number[], dims: number[]) => {
  const bytes = new Uint8Array(4 + 4 * dims.length);
  bytes.set(magic);
  const view = new DataView(bytes.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return bytes;
};
const concat = (a: Uint8Array, b: Uint8Array) => new Uint8Array([...a, ...b]);
const images = (n: number) =>
  concat(header([0, 0, 8, 3], [n, 28, 28]), new Uint8Array(n * 784));
const labels = (values: number[]) =>
  concat(header([0, 0, 8, 1], [values.length]), new Uint8Array(values));

const errorCases: [Uint8Array, Uint8Array, string][] = [
  [images(2), labels([1]), "has 2 images but lab.idx has 1 labels"],
  [images(1).subarray(0, 500), labels([1]), "img.idx"],
  [
    concat(header([0, 0, 8, 3], [1, 27, 28]), new Uint8Array(27 * 28)),
    labels([1]),
    "N×28×28 images expected",
  ],
  [
    images(1),
    concat(header([0, 0, 8, 2], [1, 1]), new Uint8Array(1)),
    "a vector of labels expected",
  ],
  [images(1), labels([12]), "label 0 is 12"],
  [new Uint8Array(16), labels([1]), "magic number"],
];

for (const [imageBytes, labelBytes, message] of errorCases) {
  Deno.test(`mnistFromIdx() refuses corrupt files: ${message}`, () => {
    assertThrows(
      () =>
        mnistFromIdx({
          images: imageBytes,
          labels: labelBytes,
          imageFile: "img.idx",
          labelFile: "lab.idx",
        }),
      SyntaxError,
      message,
    );
  });
}

Deno.test("loadMnistSet() names the missing folder's file", async () => {
  await assertRejects(
    () => loadMnistSet("test", { dir: "/nonexistent/mnist" }),
    Deno.errors.NotFound,
  );
});
