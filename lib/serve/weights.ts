/**
 * The weights inside a served ONNX model, read back by name: what the page's
 * neuron view shows (a column of W1 is what one hidden neuron looks for).
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { Tensor } from "../tensor.ts";

const { onnx } = onnxProto;

/**
 * Reads named float32 initializers (weights and biases) of an ONNX model.
 *
 * @throws {SyntaxError} When the bytes are not an ONNX model.
 * @throws {RangeError} When the model has no float32 initializer of a name.
 */
export function readWeights(
  bytes: Uint8Array,
  names: readonly string[],
): Record<string, Tensor> {
  let model;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new SyntaxError(
      `Cannot read ONNX model: ${(error as Error).message}`,
    );
  }
  const found: Record<string, Tensor> = {};
  for (const name of names) {
    const tensor = (model.graph?.initializer ?? []).find((t) =>
      t.name === name
    );
    if (!tensor || tensor.dataType !== onnx.TensorProto.DataType.FLOAT) {
      throw new RangeError(
        `Cannot read weight ${
          JSON.stringify(name)
        }: the model has no float32 initializer of that name`,
      );
    }
    const shape = (tensor.dims ?? []).map(Number);
    const size = shape.reduce((a, b) => a * b, 1);
    let data: Float32Array;
    if (tensor.rawData && tensor.rawData.length > 0) {
      // raw_data is little-endian: copy it out of the protobuf buffer
      const view = new DataView(
        tensor.rawData.buffer,
        tensor.rawData.byteOffset,
        tensor.rawData.byteLength,
      );
      data = Float32Array.from(
        { length: size },
        (_, i) => view.getFloat32(i * 4, true),
      );
    } else {
      data = Float32Array.from(tensor.floatData ?? []);
    }
    if (data.length !== size) {
      throw new RangeError(
        `Cannot read weight ${
          JSON.stringify(name)
        }: shape [${shape}] needs ${size} values, got ${data.length}`,
      );
    }
    found[name] = { data, shape };
  }
  return found;
}

/** One hidden neuron of the MLP's first layer. */
export interface Neuron {
  /** The neuron's index, 0–49. */
  index: number;
  /** W1[:, index]: one weight per input pixel, 784 values, row-major 28×28. */
  weights: Float32Array;
  /** b1[index]. */
  bias: number;
}

/**
 * Neuron `index` of a first layer with weights W1 (784×N) and biases b1 (N):
 * its column of W1 and its bias.
 *
 * @throws {RangeError} When `index` is not an integer in [0, N).
 */
export function neuronOf(W1: Tensor, b1: Tensor, index: number): Neuron {
  const [rows, columns] = W1.shape;
  if (!Number.isInteger(index) || index < 0 || index >= columns) {
    throw new RangeError(
      `Cannot take neuron ${index}: the layer has neurons 0 to ${columns - 1}`,
    );
  }
  const weights = new Float32Array(rows);
  for (let p = 0; p < rows; p++) weights[p] = W1.data[p * columns + index];
  return { index, weights, bias: b1.data[index] };
}
