/**
 * A typed array with a shape: the one array type lib/ passes around, in the
 * spirit of numpy's ndarray (row-major, no strides), and the sizes every
 * model shares.
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

/** Powers of ten a double holds exactly: 10⁰ to 10²². */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `Number(value.toPrecision(9))` without the string: the 9 significant
 * digits as an integer (the value times an exact power of ten, rounded),
 * divided by that power — one correctly rounded division, so the same
 * double. Values near a rounding tie, or whose power of ten a double does
 * not hold exactly (below 1e-14 or from 1e9 up), NaN, ±Infinity and zero go
 * through `toPrecision` itself (tests/lib/tensor_test.ts checks both ways
 * agree); it spares the event loop a string per value.
 */
function nineDigits(value: number): number {
  const size = Math.abs(value);
  let k = 8 - Math.floor(Math.log10(size));
  if (!(k >= 0 && k <= 22)) return Number(value.toPrecision(9));
  let scaled = size * EXACT_POWERS[k];
  // log10 can miss by one next to a power of ten
  if (scaled < 99_999_999.5) scaled = size * EXACT_POWERS[++k];
  else if (scaled >= 999_999_999.5) scaled = size * EXACT_POWERS[--k];
  if (
    !(k >= 0 && k <= 22) ||
    Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6
  ) {
    return Number(value.toPrecision(9));
  }
  const rounded = Math.round(scaled) / EXACT_POWERS[k];
  return value < 0 ? -rounded : rounded;
}

/** Rounds float32 values to plain numbers for JSON (9 significant digits, enough to give back the same float32). */
export function toJsonNumbers(values: Float32Array): number[] {
  return Array.from(values, nineDigits);
}
