/**
 * A typed array with a shape: the one array type lib/ passes around, in the
 * spirit of numpy's ndarray (row-major, no strides), and the sizes every
 * model shares. Its numbers as JSON are lib/infer/answer.ts's `toJsonNumbers`.
 *
 * @module
 */

/** Pixels of one image: 28×28, row-major. */
export const IMAGE_SIZE = 784;

/** Side of one image, in pixels. */
export const IMAGE_SIDE = 28;

/** Output classes: the digits 0–9. */
export const CLASSES = 10;

/** The typed arrays a tensor holds: IDX bytes, float32 values, float64 pickled weights. */
export type NumericArray = Uint8Array | Float32Array | Float64Array;

/**
 * A dense row-major array: `data.length` is the product of `shape`. The one
 * array-with-a-shape type of lib/: IDX files (`Tensor<Uint8Array>`), numpy
 * pickles (`Tensor<Float64Array>`), pixels and outputs (`Tensor`).
 */
export interface Tensor<T extends NumericArray = Float32Array> {
  data: T;
  shape: number[];
}

/** Bytes 0–255 → float32 value / 255, as numpy's `astype(float32) / 255.0`. */
export function unitFromBytes(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] / 255;
  return out;
}

/**
 * Returns row `index` of a tensor along its first axis, as a view (no copy).
 *
 * @throws {RangeError} When `index` is not an integer in `[0, shape[0])`.
 */
export function row<T extends NumericArray>(
  tensor: Tensor<T>,
  index: number,
): T {
  const rows = tensor.shape[0];
  if (!Number.isInteger(index) || index < 0 || index >= rows) {
    throw new RangeError(
      `Cannot take row ${index}: the tensor has rows 0 to ${rows - 1}`,
    );
  }
  const size = tensor.data.length / rows;
  return tensor.data.subarray(index * size, (index + 1) * size) as T;
}

/**
 * Returns rows `[start, end)` along the first axis as a tensor view (no copy).
 * `end` is clamped to the number of rows.
 */
export function rows<T extends NumericArray>(
  tensor: Tensor<T>,
  start: number,
  end: number,
): Tensor<T> {
  const count = tensor.shape[0];
  const stop = Math.min(end, count);
  const size = tensor.data.length / count;
  return {
    data: tensor.data.subarray(start * size, stop * size) as T,
    shape: [stop - start, ...tensor.shape.slice(1)],
  };
}
