/**
 * Small builders over the onnx-proto (protobufjs) schema, shared by the
 * converters of the book's networks: tensors, value infos, nodes, the model.
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { NumericArray, Tensor } from "../tensor.ts";

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;

/** The ONNX operator set the converters write (ai.onnx, default domain). */
export const OPSET = 17;

/** The ONNX IR version the converters write. */
export const IR_VERSION = 8;

/** An ONNX graph as onnx-proto builds it. */
export type Graph = ReturnType<typeof onnx.GraphProto.create>;

/** Values with a shape: a pickle's array (a `Tensor`) or a constant such as `{ shape: [], data: [0.5] }`. */
export type Values = Tensor<NumericArray> | { shape: number[]; data: number[] };

/**
 * A float32 initializer (a named constant tensor of the graph).
 * Values are rounded to float32, so float64 weights become float32 ones.
 *
 * @param name The tensor's name, as nodes refer to it.
 * @param array The values, row-major, and their shape (`[]` for a scalar).
 * @throws {TypeError} When the number of values does not match the shape.
 */
export function initializer(name: string, array: Values) {
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (array.data.length !== count) {
    throw new TypeError(
      `Cannot build initializer ${name}: shape [${array.shape}] holds ${count} values, got ${array.data.length}`,
    );
  }
  const values = Float32Array.from(array.data);
  return onnx.TensorProto.create({
    name,
    dims: array.shape,
    dataType: FLOAT,
    rawData: new Uint8Array(values.buffer),
  });
}

/**
 * The declared type of a float32 graph input or output.
 *
 * @param dims Fixed sizes as numbers, symbolic ones (a dynamic batch) as strings: `["N", 784]`.
 */
export function valueInfo(name: string, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: {
          dim: dims.map((d) =>
            typeof d === "string" ? { dimParam: d } : { dimValue: d }
          ),
        },
      },
    },
  });
}

/**
 * A node of the graph, named after its first output.
 *
 * @param opType The ONNX operator: `"Gemm"`, `"Conv"`, `"Softmax"`, ….
 * @param attributes Integer attributes (`{ axis: -1 }`) or integer lists
 *   (`{ pads: [1, 1, 1, 1] }`), written as INT and INTS.
 */
export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Record<string, number | number[]> = {},
) {
  return onnx.NodeProto.create({
    opType,
    input: inputs,
    output: outputs,
    name: outputs[0],
    attribute: Object.entries(attributes).map(([name, value]) =>
      typeof value === "number"
        ? { name, i: value, type: onnx.AttributeProto.AttributeType.INT }
        : { name, ints: value, type: onnx.AttributeProto.AttributeType.INTS }
    ),
  });
}

/**
 * Checks that every weight a network needs is present with its shape.
 *
 * @param shapes The expected shape of each weight, by name.
 * @throws {TypeError} When a weight is missing or has another shape.
 */
export function checkShapes(
  weights: Record<string, { shape: number[] }>,
  shapes: Record<string, number[]>,
): void {
  for (const [name, shape] of Object.entries(shapes)) {
    const array = weights[name];
    if (!array) {
      throw new TypeError(`Cannot convert: weight ${name} is missing`);
    }
    if (array.shape.join("×") !== shape.join("×")) {
      throw new TypeError(
        `Cannot convert: ${name} must be ${shape.join("×")}, got ${
          array.shape.join("×")
        }`,
      );
    }
  }
}

/**
 * Wraps a graph into a model (IR version 8, opset 17) and encodes it.
 * The same graph always gives the same bytes.
 *
 * @param doc The model's doc string: what network it is.
 */
export function model(graph: Graph, doc: string): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: "", version: OPSET }],
    producerName: "mnist-deno",
    producerVersion: "1",
    docString: doc,
    graph,
  })).finish();
}
