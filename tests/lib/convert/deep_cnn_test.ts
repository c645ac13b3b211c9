/**
 * Tests of `lib/convert/deep_cnn.ts`.
 *
 * @module
 */

import "../../_data.ts"; // onnxruntime-web started before any test
import { assertEquals, assertThrows } from "@std/assert";
import onnxProto from "onnx-proto";
import { loadMnistSet } from "../../../lib/mnist/mod.ts";
import {
  type NdArray,
  readNumpyPickle,
} from "../../../lib/convert/npy_pickle.ts";
import {
  DEEP_CONVNET_SHAPES,
  deepConvNetToOnnx,
} from "../../../lib/convert/deep_cnn.ts";
import { createSession } from "../../../lib/infer/session.ts";
import { pixelRows, pixelsFromFloats } from "../../../lib/input/mod.ts";
import { ortWasm } from "../../../lib/runtime/mod.ts";
import type { Tensor } from "../../../lib/tensor.ts";

const { onnx } = onnxProto;

const PICKLE = new URL(
  "../../../../shared/weights/deep_convnet_params.pkl",
  import.meta.url,
);
const weights = readNumpyPickle(await Deno.readFile(PICKLE));

/** float32 values of raw little-endian bytes (copied: protobufjs may hand out a view of a pool). */
function float32Of(raw: Uint8Array): Float32Array {
  return new Float32Array(Uint8Array.from(raw).buffer);
}

function decode(bytes: Uint8Array) {
  return onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), {
    longs: Number,
    bytes: Uint8Array,
    defaults: true,
  });
}

Deno.test("deepConvNetToOnnx() chains the book's layers in order", () => {
  const { graph } = decode(deepConvNetToOnnx(weights));
  const ops = graph.node.map((n: { opType: string }) => n.opType);
  const block = ["Conv", "Relu", "Conv", "Relu", "MaxPool"];
  assertEquals(ops, [
    ...block,
    ...block,
    ...block,
    "Flatten",
    "Gemm",
    "Relu",
    "Mul",
    "Gemm",
    "Mul",
    "Softmax",
  ]);
});

Deno.test("deepConvNetToOnnx() pads conv4 by 2 and the others by 1", () => {
  const { graph } = decode(deepConvNetToOnnx(weights));
  type Attribute = { name: string; ints: number[]; i: number };
  const convs = graph.node.filter((n: { opType: string }) =>
    n.opType === "Conv"
  );
  const attributes = convs.map((n: { attribute: Attribute[] }) =>
    Object.fromEntries(n.attribute.map((a) => [a.name, a.ints]))
  );
  assertEquals(
    attributes.map((a: Record<string, number[]>) => a.pads),
    [1, 1, 1, 2, 1, 1].map((p) => [p, p, p, p]),
  );
  for (const a of attributes) {
    assertEquals(a.kernel_shape, [3, 3]);
    assertEquals(a.strides, [1, 1]);
  }
  const pools = graph.node.filter((n: { opType: string }) =>
    n.opType === "MaxPool"
  );
  for (const pool of pools) {
    const a = Object.fromEntries(
      pool.attribute.map((a: Attribute) => [a.name, a.ints]),
    );
    assertEquals(a, { kernel_shape: [2, 2], strides: [2, 2] });
  }
});

Deno.test("deepConvNetToOnnx() takes N×1×28×28 pixels and gives N×10 probabilities", () => {
  const { graph, opsetImport } = decode(deepConvNetToOnnx(weights));
  type Info = {
    name: string;
    type: { tensorType: { shape: { dim: object[] } } };
  };
  const dims = (info: Info) =>
    info.type.tensorType.shape.dim.map((d) =>
      "dimParam" in d && d.dimParam
        ? d.dimParam
        : (d as { dimValue: number }).dimValue
    );
  assertEquals(graph.input.map((i: Info) => [i.name, dims(i)]), [
    ["pixels", ["N", 1, 28, 28]],
  ]);
  assertEquals(graph.output.map((o: Info) => [o.name, dims(o)]), [
    ["probabilities", ["N", 10]],
  ]);
  assertEquals(opsetImport, [{ domain: "", version: 17 }]);
});

Deno.test("deepConvNetToOnnx() stores the pickle's weights rounded to float32", () => {
  const { graph } = decode(deepConvNetToOnnx(weights));
  type Init = { name: string; dims: number[]; rawData: Uint8Array };
  const stored = new Map<string, Init>(
    graph.initializer.map((i: Init) => [i.name, i]),
  );
  for (const [name, shape] of Object.entries(DEEP_CONVNET_SHAPES)) {
    const init = stored.get(name)!;
    assertEquals(init.dims, shape, name);
    const values = float32Of(init.rawData);
    assertEquals(values, Float32Array.from(weights[name].data), name);
  }
  const scale = stored.get("dropout_scale")!;
  assertEquals(scale.dims, []);
  assertEquals(
    float32Of(scale.rawData),
    new Float32Array([0.5]),
  );
});

Deno.test("deepConvNetToOnnx() gives the same bytes twice", () => {
  assertEquals(deepConvNetToOnnx(weights), deepConvNetToOnnx(weights));
});

Deno.test("deepConvNetToOnnx() refuses missing or misshapen weights", () => {
  const without = (name: string) => {
    const copy = { ...weights };
    delete copy[name];
    return copy;
  };
  const reshaped = (
    name: string,
    shape: number[],
  ): Record<string, NdArray> => ({
    ...weights,
    [name]: { ...weights[name], shape },
  });
  const errorCases: [Record<string, NdArray>, string][] = [
    [without("W8"), "weight W8 is missing"],
    [without("b4"), "weight b4 is missing"],
    [reshaped("W1", [16, 9]), "W1 must be 16×1×3×3, got 16×9"],
    [reshaped("W7", [50, 1024]), "W7 must be 1024×50, got 50×1024"],
  ];
  for (const [input, messagePart] of errorCases) {
    assertThrows(() => deepConvNetToOnnx(input), TypeError, messagePart);
  }
});

Deno.test("deepConvNetToOnnx() classifies 9797 of the 10,000 test images, as the book measured", async () => {
  const [x, t] = await loadMnistSet("test") as [Tensor, Tensor<Uint8Array>];
  const session = await createSession({
    name: "deep-cnn",
    model: deepConvNetToOnnx(weights),
    wasm: await ortWasm(),
    imageShape: [1, 28, 28],
  });
  const pixels = pixelsFromFloats(x.data);
  try {
    let correct = 0;
    for (let start = 0; start < x.shape[0]; start += 100) {
      const { digits, probabilities } = await session.predict(
        pixelRows(pixels, start, start + 100),
      );
      assertEquals(probabilities.shape, [100, 10]);
      digits.forEach((digit, i) => {
        if (digit === t.data[start + i]) correct++;
      });
    }
    assertEquals(correct, 9797);
  } finally {
    await session.release();
  }
});
