/**
 * Tests of `lib/assets/weights.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { neuronOf, readFirstLayer } from "../../../lib/assets/weights.ts";

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

Deno.test("readFirstLayer() refuses a file of the wrong size", () => {
  assertThrows(
    () => readFirstLayer(new Uint8Array(12)),
    SyntaxError,
    "157000 bytes expected",
  );
});
