import { assertEquals, assertThrows } from "@std/assert";
import { neuronOf, readWeights } from "../../../lib/serve/weights.ts";
import { bookWeights } from "../../_data.ts";

const MLP = await Deno.readFile(
  new URL("../../../model/mlp.onnx", import.meta.url),
);

Deno.test("readWeights() reads the book's W1 and b3 back from mlp.onnx", async () => {
  const { W1, b3 } = readWeights(MLP, ["W1", "b3"]);
  const book = await bookWeights();
  assertEquals(W1.shape, [784, 50]);
  assertEquals(W1.data, book.W1.data);
  assertEquals(b3.data, book.b3.data);
});

Deno.test("readWeights() refuses an unknown name and bytes that are not ONNX", () => {
  assertThrows(() => readWeights(MLP, ["W9"]), RangeError, '"W9"');
  assertThrows(
    () => readWeights(new Uint8Array([1, 2, 3, 255]), ["W1"]),
    SyntaxError,
    "Cannot read ONNX model",
  );
});

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
