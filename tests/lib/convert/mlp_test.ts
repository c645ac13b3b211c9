/**
 * Tests of `lib/convert/mlp.ts`.
 *
 * @module
 */

import { assert, assertEquals, assertThrows } from "@std/assert";
import onnxProto from "onnx-proto";
import { mlpToOnnx } from "../../../lib/convert/mlp.ts";
import { readNumpyPickle } from "../../../lib/convert/npy_pickle.ts";
import { PICKLE, sameBytes } from "../../_data.ts";

const { onnx } = onnxProto;

Deno.test("mlpToOnnx() writes Gemm → Sigmoid → Gemm → Sigmoid → Gemm → Softmax with a dynamic batch axis", async () => {
  const model = onnx.ModelProto.decode(
    mlpToOnnx(readNumpyPickle(await Deno.readFile(PICKLE))),
  );
  const graph = model.graph!;
  assertEquals(graph.node!.map((n) => n.opType), [
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Softmax",
  ]);
  const input = graph.input![0];
  assertEquals(input.name, "pixels");
  const dims = input.type!.tensorType!.shape!.dim!;
  assertEquals(dims[0].dimParam, "N");
  assertEquals(Number(dims[1].dimValue), 784);
  assertEquals(graph.output![0].name, "probabilities");
  assertEquals(
    input.type!.tensorType!.elemType,
    onnx.TensorProto.DataType.FLOAT,
  );
});

Deno.test("mlpToOnnx() stores exactly the pickle's weights as float32", async () => {
  const weights = readNumpyPickle(await Deno.readFile(PICKLE));
  const model = onnx.ModelProto.decode(mlpToOnnx(weights));
  const stored = model.graph!.initializer!;
  assertEquals(stored.map((t) => t.name).sort(), [
    "W1",
    "W2",
    "W3",
    "b1",
    "b2",
    "b3",
  ]);
  for (const tensor of stored) {
    const raw = tensor.rawData!;
    const values = new Float32Array(new Uint8Array(raw).buffer);
    assertEquals(tensor.dims!.map(Number), weights[tensor.name!].shape);
    assertEquals(values, weights[tensor.name!].data);
  }
});

Deno.test("converting twice gives identical bytes, equal to the committed model/mlp.onnx", async () => {
  const weights = readNumpyPickle(await Deno.readFile(PICKLE));
  const first = mlpToOnnx(weights);
  const second = mlpToOnnx(readNumpyPickle(await Deno.readFile(PICKLE)));
  assert(sameBytes(first, second), "two conversions differ");
  const committed = await Deno.readFile(
    new URL("../../../model/mlp.onnx", import.meta.url),
  );
  assert(
    sameBytes(first, committed),
    "model/mlp.onnx is not what the converter writes",
  );
});

Deno.test("mlpToOnnx() refuses a missing or misshapen weight", async () => {
  const weights = readNumpyPickle(await Deno.readFile(PICKLE));
  const { W2: _, ...missing } = weights;
  assertThrows(() => mlpToOnnx(missing), TypeError, "weight W2 is missing");
  const wrong = { ...weights, b3: { ...weights.b3, shape: [11] } };
  assertThrows(() => mlpToOnnx(wrong), TypeError, "b3 must be 10, got 11");
});
