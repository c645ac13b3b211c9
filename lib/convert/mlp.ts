/**
 * Writes the book's chapter-3 MLP as an ONNX model (float32 weights, a dynamic
 * batch axis) with the shared builders of onnx_builder.ts.
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { NdArray } from "./npy_pickle.ts";
import {
  checkShapes,
  initializer,
  model,
  node,
  valueInfo,
} from "./onnx_builder.ts";

const { onnx } = onnxProto;

/** The named outputs of the MLP graph besides `probabilities`: the book's activations. */
export const MLP_ACTIVATIONS = ["a1", "z1", "a2", "z2", "a3"] as const;

/** The MLP's layer shapes, as the book prints them. */
export const MLP_SHAPES: Record<string, number[]> = {
  W1: [784, 50],
  b1: [50],
  W2: [50, 100],
  b2: [100],
  W3: [100, 10],
  b3: [10],
};

/**
 * Builds the chapter-3 MLP as ONNX: Gemm → Sigmoid → Gemm → Sigmoid → Gemm → Softmax.
 * Input `pixels` (N×784), output `probabilities` (N×10); the activations
 * a1, z1, a2, z2, a3 are outputs too, fetched only when asked for.
 * The same weights always give the same bytes.
 *
 * @param weights W1 784×50, b1 50, W2 50×100, b2 100, W3 100×10, b3 10.
 * @throws {TypeError} When a weight is missing or has the wrong shape.
 */
export function mlpToOnnx(weights: Record<string, NdArray>): Uint8Array {
  checkShapes(weights, MLP_SHAPES);
  const graph = onnx.GraphProto.create({
    name: "mlp",
    node: [
      node("Gemm", ["pixels", "W1", "b1"], ["a1"]),
      node("Sigmoid", ["a1"], ["z1"]),
      node("Gemm", ["z1", "W2", "b2"], ["a2"]),
      node("Sigmoid", ["a2"], ["z2"]),
      node("Gemm", ["z2", "W3", "b3"], ["a3"]),
      node("Softmax", ["a3"], ["probabilities"], { axis: -1 }),
    ],
    initializer: Object.keys(MLP_SHAPES).map((name) =>
      initializer(name, weights[name])
    ),
    input: [valueInfo("pixels", ["N", 784])],
    output: [
      valueInfo("probabilities", ["N", 10]),
      valueInfo("a1", ["N", 50]),
      valueInfo("z1", ["N", 50]),
      valueInfo("a2", ["N", 100]),
      valueInfo("z2", ["N", 100]),
      valueInfo("a3", ["N", 10]),
    ],
  });
  return model(
    graph,
    "Deep Learning from Scratch, chapter 3: 784-50-100-10, sigmoid, sigmoid, softmax",
  );
}
