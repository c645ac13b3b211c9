/**
 * Tests of `lib/assets/weights.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import {
  mlpWeightsBytes,
  neuronOf,
  readMlpWeights,
} from "../../../lib/assets/weights.ts";

Deno.test("neuronOf() takes a column of W1 and its bias", () => {
  const W1 = {
    data: Float32Array.from({ length: 6 }, (_, i) => i),
    shape: [3, 2],
  };
  const b1 = { data: Float32Array.of(10, 20), shape: [2] };
  const neuron = neuronOf(W1, b1, 1);
  assertEquals([...neuron.weights], [1, 3, 5]);
  assertEquals([neuron.index, neuron.bias], [1, 20]);
  assertThrows(() => neuronOf(W1, b1, 2), RangeError, "neurons 0 to 1");
  assertThrows(() => neuronOf(W1, b1, 0.5), RangeError);
});

Deno.test("readMlpWeights() reads back what mlpWeightsBytes() wrote, each array in its shape", () => {
  const layer = (shape: number[], from: number) => ({
    data: Float32Array.from(
      { length: shape.reduce((a, b) => a * b, 1) },
      (_, i) => from + i / 8,
    ),
    shape,
  });
  const layers = {
    W1: layer([784, 50], 0),
    b1: layer([50], -1),
    W2: layer([50, 100], 2),
    b2: layer([100], -3),
    W3: layer([100, 10], 4),
    b3: layer([10], -5),
  };
  const bytes = mlpWeightsBytes(layers);
  assertEquals(bytes.length, 45_360 * 4);
  assertEquals(readMlpWeights(bytes), layers);
  // a view into a larger buffer reads the same
  const padded = new Uint8Array(bytes.length + 8);
  padded.set(bytes, 8);
  assertEquals(readMlpWeights(padded.subarray(8)).b3, layers.b3);
});

Deno.test("readMlpWeights() refuses a file of the wrong size; mlpWeightsBytes() an array of the wrong shape", () => {
  assertThrows(
    () => readMlpWeights(new Uint8Array(157_000)),
    SyntaxError,
    "181440 bytes expected, got 157000",
  );
  const W1 = { data: new Float32Array(50 * 784), shape: [50, 784] };
  assertThrows(
    () =>
      mlpWeightsBytes({
        ...readMlpWeights(new Uint8Array(181_440)),
        W1,
      }),
    TypeError,
    "W1: shape [784,50] expected, got [50,784]",
  );
});
