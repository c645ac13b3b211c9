/**
 * Tests of `lib/reference/mlp.ts`.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import {
  affine,
  forwardMlp,
  predictMlp,
  sigmoid,
  softmax,
} from "../../../lib/reference/mlp.ts";
import { argmax } from "../../../lib/infer/session.ts";
import { row } from "../../../lib/tensor.ts";
import { BOOK_IMAGE_11, bookWeights, testImages } from "../../_data.ts";

Deno.test("sigmoid() maps 0 to 0.5 and saturates at the ends", () => {
  const y = sigmoid(new Float32Array([0, 1, -1, 100, -100]));
  assertEquals(y[0], 0.5);
  assertAlmostEquals(y[1], 0.7310586, 1e-7);
  assertAlmostEquals(y[1] + y[2], 1, 1e-7);
  assertEquals(y[3], 1);
  assertAlmostEquals(y[4], 0, 1e-40);
});

Deno.test("softmax() subtracts the maximum, so huge inputs do not overflow", () => {
  const y = softmax({
    data: new Float32Array([1010, 1000, 990, 0.3, 2.9, 4.0]),
    shape: [2, 3],
  });
  assertAlmostEquals(y.data[0], 0.99995458, 1e-7);
  assertAlmostEquals(y.data[1], 4.5397868e-5, 1e-9);
  // the book's example: softmax([0.3, 2.9, 4.0])
  assertAlmostEquals(y.data[3], 0.01821127, 1e-7);
  assertAlmostEquals(y.data[4], 0.24519181, 1e-7);
  assertAlmostEquals(y.data[5], 0.73659691, 1e-7);
  assertEquals(y.data.every(Number.isFinite), true);
});

Deno.test("affine() computes x·W + b and refuses shapes that do not chain", () => {
  const x = { data: new Float32Array([1, 2]), shape: [1, 2] };
  const W = { data: new Float32Array([1, 3, 5, 2, 4, 6]), shape: [2, 3] };
  const b = { data: new Float32Array([0.5, 0, -1]), shape: [3] };
  assertEquals([...affine(x, W, b).data], [5.5, 11, 16]);
  assertThrows(
    () => affine(x, { data: W.data, shape: [3, 2] }, b),
    TypeError,
    "do not chain",
  );
});

Deno.test("forwardMlp() gives every activation with the book's widths", async () => {
  const [images] = await testImages();
  const x = { data: row(images, 0), shape: [1, 784] };
  const { a1, z1, a2, z2, a3, y } = forwardMlp(await bookWeights(), x);
  assertEquals([a1.shape, z1.shape, a2.shape, z2.shape, a3.shape, y.shape], [
    [1, 50],
    [1, 50],
    [1, 100],
    [1, 100],
    [1, 10],
    [1, 10],
  ]);
  assertEquals(z1.data[3], sigmoid(a1.data)[3]);
});

Deno.test("predictMlp() reproduces the book: accuracy 0.9352 and image 11's probabilities", async () => {
  const [images, labels] = await testImages();
  const y = predictMlp(await bookWeights(), images);
  const digits = argmax(y);
  const correct = digits.filter((d, i) => d === labels.data[i]).length;
  assertEquals(correct / 10000, 0.9352);
  BOOK_IMAGE_11.forEach((p, j) => assertAlmostEquals(y.data[110 + j], p, 1e-6));
});
