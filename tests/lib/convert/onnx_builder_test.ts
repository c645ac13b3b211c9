/**
 * Tests of `lib/convert/onnx_builder.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import onnxProto from "onnx-proto";
import {
  checkShapes,
  initializer,
  IR_VERSION,
  model,
  node,
  OPSET,
  valueInfo,
} from "../../../lib/convert/onnx_builder.ts";

const { onnx } = onnxProto;
const { AttributeType } = onnx.AttributeProto;

/** float32 values of raw little-endian bytes (copied: protobufjs may hand out a view of a pool). */
function float32Of(raw: Uint8Array): Float32Array {
  return new Float32Array(Uint8Array.from(raw).buffer);
}

Deno.test("initializer() rounds float64 values to float32 raw data with their dims", () => {
  const tensor = initializer("W", {
    shape: [2, 2],
    data: Float64Array.of(0.1, -2, 1 / 3, 1e-40),
  });
  assertEquals(tensor.name, "W");
  assertEquals(tensor.dims, [2, 2]);
  assertEquals(tensor.dataType, onnx.TensorProto.DataType.FLOAT);
  assertEquals(tensor.rawData.length, 16);
  assertEquals(
    float32Of(tensor.rawData),
    Float32Array.of(0.1, -2, 1 / 3, 1e-40),
  );
});

Deno.test("initializer() writes a scalar with no dims", () => {
  const tensor = initializer("half", { shape: [], data: [0.5] });
  const decoded = onnx.TensorProto.decode(
    onnx.TensorProto.encode(tensor).finish(),
  );
  assertEquals(decoded.dims, []);
  assertEquals(float32Of(decoded.rawData), Float32Array.of(0.5));
});

Deno.test("initializer() refuses values that do not fill the shape", () => {
  const errorCases: [number[], number[], string][] = [
    [[2, 3], [1, 2, 3, 4, 5], "shape [2,3] holds 6 values, got 5"],
    [[], [], "shape [] holds 1 values, got 0"],
  ];
  for (const [shape, data, messagePart] of errorCases) {
    assertThrows(
      () => initializer("x", { shape, data }),
      TypeError,
      messagePart,
    );
  }
});

Deno.test("valueInfo() writes numbers as fixed dims and strings as symbolic ones", () => {
  const info = onnx.ValueInfoProto.toObject(
    onnx.ValueInfoProto.decode(
      onnx.ValueInfoProto.encode(valueInfo("pixels", ["N", 1, 28, 28]))
        .finish(),
    ),
    { longs: Number },
  );
  assertEquals(info, {
    name: "pixels",
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: [
            { dimParam: "N" },
            { dimValue: 1 },
            { dimValue: 28 },
            { dimValue: 28 },
          ],
        },
      },
    },
  });
});

Deno.test("node() names the node after its first output and types its attributes", () => {
  const conv = onnx.NodeProto.toObject(
    onnx.NodeProto.decode(
      onnx.NodeProto.encode(
        node("Conv", ["x", "W", "b"], ["y"], { group: 1, pads: [2, 2, 2, 2] }),
      ).finish(),
    ),
    { longs: Number },
  );
  assertEquals(conv, {
    opType: "Conv",
    input: ["x", "W", "b"],
    output: ["y"],
    name: "y",
    attribute: [
      { name: "group", i: 1, type: AttributeType.INT },
      { name: "pads", ints: [2, 2, 2, 2], type: AttributeType.INTS },
    ],
  });
});

Deno.test("node() writes no attributes when given none", () => {
  assertEquals(node("Relu", ["x"], ["y"]).attribute, []);
});

Deno.test("checkShapes() accepts weights of the expected shapes", () => {
  checkShapes(
    { W: { shape: [3, 2] }, b: { shape: [2] }, extra: { shape: [7] } },
    { W: [3, 2], b: [2] },
  );
});

Deno.test("checkShapes() refuses missing or misshapen weights", () => {
  const shapes = { W: [3, 2], b: [2] };
  const errorCases: [Record<string, { shape: number[] }>, string][] = [
    [{ W: { shape: [3, 2] } }, "Cannot convert: weight b is missing"],
    [
      { W: { shape: [2, 3] }, b: { shape: [2] } },
      "Cannot convert: W must be 3×2, got 2×3",
    ],
    [
      { W: { shape: [3, 2] }, b: { shape: [1, 2] } },
      "Cannot convert: b must be 2, got 1×2",
    ],
  ];
  for (const [weights, messagePart] of errorCases) {
    assertThrows(() => checkShapes(weights, shapes), TypeError, messagePart);
  }
});

Deno.test("model() encodes a graph that decodes back with its opset and IR version", () => {
  const graph = onnx.GraphProto.create({
    name: "g",
    node: [node("Relu", ["x"], ["y"])],
    input: [valueInfo("x", ["N", 2])],
    output: [valueInfo("y", ["N", 2])],
  });
  const bytes = model(graph, "a test graph");
  assertEquals(model(graph, "a test graph"), bytes);
  const decoded = onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), {
    longs: Number,
  });
  assertEquals(decoded.irVersion, IR_VERSION);
  assertEquals(decoded.opsetImport, [{ domain: "", version: OPSET }]);
  assertEquals(decoded.docString, "a test graph");
  assertEquals(decoded.producerName, "mnist-deno");
  assertEquals(decoded.graph.node[0].opType, "Relu");
  assertEquals(decoded.graph.input[0].name, "x");
});
