import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertThrows,
} from "@std/assert";
import { MLP_WEIGHTS_FILE, readMlpWeights } from "../../../lib/assets/mod.ts";
import { forwardMlp } from "../../../lib/reference/mod.ts";
import {
  affine,
  forwardPass,
  neuronSum,
  sigmoid,
  softmaxSteps,
} from "../../../static/src/forward_steps.ts";
import { BOOK_IMAGE_11, bookWeights, testImages } from "../../_data.ts";

const layers = readMlpWeights(await Deno.readFile(MLP_WEIGHTS_FILE));

/** Test image `index`: its 784 pixels, and the book's network on it (the pickle, plain TypeScript). */
async function image(index: number) {
  const [images] = await testImages();
  const x = images.data.subarray(index * 784, (index + 1) * 784);
  return {
    x,
    book: forwardMlp(await bookWeights(), { data: x, shape: [1, 784] }),
  };
}

/** The largest difference between two lists of numbers of one length. */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>) {
  assertEquals(a.length, b.length);
  return Math.max(...Array.from(a, (value, i) => Math.abs(value - b[i])));
}

Deno.test("forwardPass() gives test image 11's a1, a3 and probabilities as the book's network does", async () => {
  const { x, book } = await image(11);
  const steps = forwardPass(layers, x);
  for (const name of ["a1", "z1", "a2", "z2", "a3"] as const) {
    assert(largestDifference(steps[name], book[name].data) <= 1e-6, name);
  }
  assert(largestDifference(steps.softmax.y, book.y.data) <= 1e-7);
  assert(largestDifference(steps.softmax.y, BOOK_IMAGE_11) <= 1e-6);
  assertEquals(steps.digit, 6);
});

Deno.test("neuronSum() adds its terms to each neuron's a1[j], to the bit", async () => {
  const { x } = await image(11);
  const a1 = affine(x, layers.W1, layers.b1);
  const ink = Array.from(x).filter((v) => v !== 0).length;
  for (let j = 0; j < 50; j++) {
    const neuron = neuronSum(x, layers, j);
    assertEquals(neuron.a, a1[j], `a1[${j}]`);
    assertEquals(neuron.terms.length, ink);
    assertEquals(neuron.bias, layers.b1.data[j]);
    const { pixel, x: value, weight, product } = neuron.terms[0];
    assertEquals([value, weight], [x[pixel], layers.W1.data[pixel * 50 + j]]);
    assertEquals(product, value * weight);
    assertEquals(neuron.z, sigmoid(neuron.a));
  }
  assertThrows(() => neuronSum(x, layers, 50), RangeError, "0 to 49");
  assertThrows(() => neuronSum(x, layers, 1.5), RangeError);
});

Deno.test("softmaxSteps() subtracts the maximum first: the book's 3.5.2 example does not overflow", () => {
  // without c, exp(1010) is Infinity and y is NaN
  assertEquals(Math.exp(1010), Infinity);
  const steps = softmaxSteps([1010, 1000, 990]);
  assertEquals(steps.c, 1010);
  assertEquals(steps.shifted, [0, -10, -20]);
  assertEquals(steps.exps[0], 1);
  assertAlmostEquals(steps.total, 1 + Math.exp(-10) + Math.exp(-20), 1e-15);
  // the book prints [9.99954600e-01, 4.53978686e-05, 2.06106005e-09]
  assertAlmostEquals(steps.y[0], 9.99954600e-01, 1e-9);
  assertAlmostEquals(steps.y[1], 4.53978686e-05, 1e-13);
  assertAlmostEquals(steps.y[2], 2.06106005e-09, 1e-17);
});

Deno.test("affine() refuses shapes that do not chain", () => {
  assertThrows(
    () => affine(new Float32Array(783), layers.W1, layers.b1),
    TypeError,
    "783 values by [784,50]",
  );
  assertThrows(
    () => affine(new Float32Array(784), layers.W1, layers.b2),
    TypeError,
    "shapes do not chain",
  );
});
