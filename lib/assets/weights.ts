/**
 * The MLP's first layer for the page's neuron view (a column of W1 is what
 * one hidden neuron looks for), read from model/mlp.layer1.bin, which
 * `deno task build` writes from the ONNX file (lib/convert/weights.ts).
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";

/** Where the build writes the MLP's first layer: W1 (784×50), then b1 (50). */
export const FIRST_LAYER_FILE = new URL(
  "../../model/mlp.layer1.bin",
  import.meta.url,
);

/** The first layer's shape: 784 inputs, 50 neurons. */
const INPUTS = 784;
const NEURONS = 50;

/**
 * Reads W1 and b1 from the bytes of model/mlp.layer1.bin.
 *
 * @throws {SyntaxError} When the file is not 784×50 + 50 float32 values.
 */
export function readFirstLayer(bytes: Uint8Array): { W1: Tensor; b1: Tensor } {
  const count = INPUTS * NEURONS + NEURONS;
  if (bytes.length !== count * 4) {
    throw new SyntaxError(
      `Cannot read the first layer: ${
        count * 4
      } bytes expected, got ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = Float32Array.from(
    { length: count },
    (_, i) => view.getFloat32(i * 4, true),
  );
  return {
    W1: {
      data: values.subarray(0, INPUTS * NEURONS),
      shape: [INPUTS, NEURONS],
    },
    b1: { data: values.subarray(INPUTS * NEURONS), shape: [NEURONS] },
  };
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
