/**
 * Writes the book's chapter-8 DeepConvNet as an ONNX model: six 3×3
 * convolutions, three max pools, two affine layers, float32 weights.
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

/** The DeepConvNet's weight shapes: conv weights (out, in, kh, kw), affine (in, out). */
export const DEEP_CONVNET_SHAPES: Record<string, number[]> = {
  W1: [16, 1, 3, 3],
  b1: [16],
  W2: [16, 16, 3, 3],
  b2: [16],
  W3: [32, 16, 3, 3],
  b3: [32],
  W4: [32, 32, 3, 3],
  b4: [32],
  W5: [64, 32, 3, 3],
  b5: [64],
  W6: [64, 64, 3, 3],
  b6: [64],
  W7: [1024, 50],
  b7: [50],
  W8: [50, 10],
  b8: [10],
};

/** The padding of each convolution, on every side; conv4's 2 turns 14×14 into 16×16. */
export const DEEP_CONVNET_PADS = [1, 1, 1, 2, 1, 1] as const;

/** The book's Dropout(0.5) at inference: it scales by 1 − 0.5. */
const DROPOUT_SCALE = 0.5;

function conv(index: number, input: string) {
  const pad = DEEP_CONVNET_PADS[index - 1];
  return [
    node("Conv", [input, `W${index}`, `b${index}`], [`conv${index}`], {
      kernel_shape: [3, 3],
      pads: [pad, pad, pad, pad],
      strides: [1, 1],
    }),
    node("Relu", [`conv${index}`], [`relu${index}`]),
  ];
}

function pool(index: number, input: string) {
  return node("MaxPool", [input], [`pool${index}`], {
    kernel_shape: [2, 2],
    strides: [2, 2],
  });
}

/**
 * Builds the chapter-8 DeepConvNet as ONNX:
 * (Conv → Relu → Conv → Relu → MaxPool) × 3 → Flatten → Gemm → Relu → ×0.5
 * → Gemm → ×0.5 → Softmax. The ×0.5 are the book's dropout layers at
 * inference, kept as explicit Mul nodes.
 * Input `pixels` (N×1×28×28 in [0, 1]), output `probabilities` (N×10),
 * as the MLP's. Weights are rounded to float32; the same weights always give
 * the same bytes.
 *
 * @param weights W1…W6 (out, in, 3, 3) with b1…b6, W7 1024×50, b7, W8 50×10, b8,
 *   float32 or float64 (see {@linkcode DEEP_CONVNET_SHAPES}).
 * @throws {TypeError} When a weight is missing or has the wrong shape.
 */
export function deepConvNetToOnnx(
  weights: Record<string, NdArray>,
): Uint8Array {
  checkShapes(weights, DEEP_CONVNET_SHAPES);
  const graph = onnx.GraphProto.create({
    name: "deep_convnet",
    node: [
      ...conv(1, "pixels"),
      ...conv(2, "relu1"),
      pool(1, "relu2"),
      ...conv(3, "pool1"),
      ...conv(4, "relu3"),
      pool(2, "relu4"),
      ...conv(5, "pool2"),
      ...conv(6, "relu5"),
      pool(3, "relu6"),
      // (C, H, W) order, as the book's reshape of an N×64×4×4 array
      node("Flatten", ["pool3"], ["flat"], { axis: 1 }),
      node("Gemm", ["flat", "W7", "b7"], ["affine7"]),
      node("Relu", ["affine7"], ["relu7"]),
      node("Mul", ["relu7", "dropout_scale"], ["dropout7"]),
      node("Gemm", ["dropout7", "W8", "b8"], ["affine8"]),
      node("Mul", ["affine8", "dropout_scale"], ["dropout8"]),
      node("Softmax", ["dropout8"], ["probabilities"], { axis: -1 }),
    ],
    initializer: [
      ...Object.keys(DEEP_CONVNET_SHAPES).map((name) =>
        initializer(name, weights[name])
      ),
      initializer("dropout_scale", { shape: [], data: [DROPOUT_SCALE] }),
    ],
    input: [valueInfo("pixels", ["N", 1, 28, 28])],
    output: [valueInfo("probabilities", ["N", 10])],
  });
  return model(
    graph,
    "Deep Learning from Scratch, chapter 8: DeepConvNet, six 3×3 convolutions, " +
      "three max pools, 1024-50-10 affine, dropout 0.5 at inference",
  );
}
