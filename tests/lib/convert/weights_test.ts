/**
 * Tests of `lib/convert/weights.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { mlpWeightsFile, readWeights } from "../../../lib/convert/weights.ts";
import { MLP_WEIGHTS_FILE, readMlpWeights } from "../../../lib/assets/mod.ts";
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

Deno.test("the committed model/mlp.weights.bin is the ONNX file's six arrays, the book's (deno task build)", async () => {
  const committed = await Deno.readFile(MLP_WEIGHTS_FILE);
  assertEquals(committed, mlpWeightsFile(MLP));
  const read = readMlpWeights(committed);
  const book = await bookWeights();
  for (const name of ["W1", "b1", "W2", "b2", "W3", "b3"] as const) {
    assertEquals(read[name].data, book[name].data, name);
    assertEquals(read[name].shape, book[name].shape, name);
  }
});
