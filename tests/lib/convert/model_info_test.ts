/**
 * Tests of `lib/convert/model_info.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { describeModel } from "../../../lib/convert/model_info.ts";
import { MODELS } from "../../../lib/models.ts";

Deno.test("describeModel() reads the MLP's inputs, outputs, operators and weights", async () => {
  const info = describeModel(
    await Deno.readFile(new URL("../../../model/mlp.onnx", import.meta.url)),
  );
  assertEquals(info.inputs, [{ name: "pixels", shape: [-1, 784] }]);
  assertEquals(info.outputs.map((o) => o.name), [
    "probabilities",
    "a1",
    "z1",
    "a2",
    "z2",
    "a3",
  ]);
  assertEquals(info.operators, [
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Softmax",
  ]);
  assertEquals(info.weights.find((w) => w.name === "W2")?.shape, [50, 100]);
  assertEquals(info.parameters, 45360 - 10 + 10);
  assertEquals(info.opset, 17);
});

Deno.test("describeModel() counts the DeepConvNet's parameters without its ×0.5 constant", async () => {
  const info = describeModel(
    await Deno.readFile(
      new URL("../../../model/deep-cnn.onnx", import.meta.url),
    ),
  );
  assertEquals(info.inputs, [{ name: "pixels", shape: [-1, 1, 28, 28] }]);
  const convolutions = 16 * 9 + 16 + 16 * 16 * 9 + 16 + 32 * 16 * 9 + 32 +
    32 * 32 * 9 + 32 +
    64 * 32 * 9 + 64 + 64 * 64 * 9 + 64;
  assertEquals(info.parameters, convolutions + 1024 * 50 + 50 + 50 * 10 + 10);
  assertEquals(info.operators.filter((op) => op === "Conv").length, 6);
});

Deno.test("describeModel() refuses bytes that are not ONNX", () => {
  assertThrows(
    () => describeModel(new Uint8Array([0xff, 0xff, 0xff])),
    SyntaxError,
    "Cannot read ONNX model",
  );
});

Deno.test("the committed model/*.info.json are what the ONNX files describe (deno task build)", async () => {
  for (const spec of Object.values(MODELS)) {
    const committed = JSON.parse(await Deno.readTextFile(spec.info));
    assertEquals(committed, describeModel(await Deno.readFile(spec.file)));
  }
});
