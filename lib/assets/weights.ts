/**
 * The MLP's weights as plain float32 arrays, read from model/mlp.weights.bin,
 * which `deno task build` writes from the ONNX file (lib/convert/weights.ts):
 * the server's neuron view takes a column of W1 from it (what one hidden
 * neuron looks for), and the page fetches it to work through one forward
 * pass in front of the reader. Pure: the page's bundle imports it too.
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";

/** Where the build writes the MLP's weights: W1, b1, W2, b2, W3, b3. */
export const MLP_WEIGHTS_FILE = new URL(
  "../../model/mlp.weights.bin",
  import.meta.url,
);

/** The book's names of the MLP's six arrays, in the file's order. */
export const MLP_LAYERS = ["W1", "b1", "W2", "b2", "W3", "b3"] as const;

/** One of the MLP's six arrays. */
export type MlpLayer = typeof MLP_LAYERS[number];

/** The MLP's weights by the book's names: W1 784×50, b1 50, W2 50×100, b2 100, W3 100×10, b3 10. */
export type MlpLayers = Record<MlpLayer, Tensor>;

/** The shape of each array: chapter 3's 784 → 50 → 100 → 10 network. */
export const MLP_SHAPES: Record<MlpLayer, readonly number[]> = {
  W1: [784, 50],
  b1: [50],
  W2: [50, 100],
  b2: [100],
  W3: [100, 10],
  b3: [10],
};

/** Whether this machine stores a float32 as the file does (least significant byte first). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** How many float32 values the file holds. */
const VALUES = MLP_LAYERS.reduce(
  (total, name) => total + MLP_SHAPES[name].reduce((a, b) => a * b, 1),
  0,
);

/**
 * The file's bytes for six arrays: each one's float32 values, little-endian,
 * in {@linkcode MLP_LAYERS}' order.
 *
 * @throws {TypeError} When an array is not of its shape.
 */
export function mlpWeightsBytes(layers: MlpLayers): Uint8Array {
  const bytes = new Uint8Array(VALUES * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const name of MLP_LAYERS) {
    const { data, shape } = layers[name];
    if (String(shape) !== String(MLP_SHAPES[name])) {
      throw new TypeError(
        `Cannot write ${name}: shape [${
          MLP_SHAPES[name]
        }] expected, got [${shape}]`,
      );
    }
    for (const value of data) view.setFloat32(4 * at++, value, true);
  }
  return bytes;
}

/**
 * Reads the MLP's six arrays from the bytes of model/mlp.weights.bin.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { MLP_WEIGHTS_FILE, readMlpWeights } from "./weights.ts";
 *
 * const { W1, b3 } = readMlpWeights(await Deno.readFile(MLP_WEIGHTS_FILE));
 * assertEquals([W1.shape, b3.shape], [[784, 50], [10]]);
 * ```
 *
 * @throws {SyntaxError} When the file is not the 45,360 float32 values of the six arrays.
 */
export function readMlpWeights(bytes: Uint8Array): MlpLayers {
  if (bytes.length !== VALUES * 4) {
    throw new SyntaxError(
      `Cannot read the MLP's weights: ${
        VALUES * 4
      } bytes expected, got ${bytes.length}`,
    );
  }
  // a copy, aligned, read at once where the bytes are in the machine's order
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = LITTLE_ENDIAN
    ? new Float32Array(bytes.slice().buffer)
    : Float32Array.from(
      { length: VALUES },
      (_, i) => view.getFloat32(i * 4, true),
    );
  const layers = {} as MlpLayers;
  let at = 0;
  for (const name of MLP_LAYERS) {
    const shape = [...MLP_SHAPES[name]];
    const size = shape.reduce((a, b) => a * b, 1);
    layers[name] = { data: values.subarray(at, at + size), shape };
    at += size;
  }
  return layers;
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
