/**
 * Area-averaging resize of a region of a tensor: the box filter that MNIST's
 * digits were scaled with (lib/input/preprocess.ts).
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";
import type { Bounds } from "./_intensity.ts";

/** Options of {@linkcode resizeArea}. */
export interface ResizeOptions {
  /** Width of the result in pixels, a positive integer. */
  width: number;
  /** Height of the result in pixels, a positive integer. */
  height: number;
  /** The region of the source to scale; the whole source when omitted. */
  bounds?: Bounds;
}

/**
 * Scales a region of a `[height, width]` tensor to `width`×`height` by area
 * averaging: each result pixel is the mean of the source area it covers,
 * fractional pixels weighted by their covered fraction (a box filter, as for
 * anti-aliased downscaling). Returns a `[options.height, options.width]` tensor.
 *
 * @throws {TypeError} When the size is not a positive integer or a bound not an integer.
 * @throws {RangeError} When the bounds are empty or outside the source.
 */
export function resizeArea(source: Tensor, options: ResizeOptions): Tensor {
  const [sourceHeight, sourceWidth] = source.shape;
  const { width, height } = options;
  const bounds = options.bounds ??
    { left: 0, top: 0, right: sourceWidth, bottom: sourceHeight };
  if (
    !Number.isInteger(width) || !Number.isInteger(height) || width <= 0 ||
    height <= 0
  ) {
    throw new TypeError(
      `Cannot resize: width and height must be positive integers, got ${width}×${height}`,
    );
  }
  const { left, top, right, bottom } = bounds;
  if (![left, top, right, bottom].every(Number.isInteger)) {
    throw new TypeError(
      `Cannot resize: bounds must be whole pixels, got [${left}, ${top}, ${right}, ${bottom}]`,
    );
  }
  if (
    !(left >= 0 && top >= 0 && right <= sourceWidth && bottom <= sourceHeight &&
      left < right && top < bottom)
  ) {
    throw new RangeError(
      `Cannot resize: bounds [${left}, ${top}, ${right}, ${bottom}] are empty or outside ${sourceWidth}×${sourceHeight}`,
    );
  }
  const columns = boxTaps(right - left, width);
  const rowTaps = boxTaps(bottom - top, height);
  // rows first: each source row of the region shrinks to `width` values
  const across = new Float64Array((bottom - top) * width);
  for (let y = top; y < bottom; y++) {
    const from = y * sourceWidth + left;
    const to = (y - top) * width;
    for (let x = 0; x < width; x++) {
      const { start, weights } = columns[x];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) {
        sum += weights[k] * source.data[from + start + k];
      }
      across[to + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const { start, weights } = rowTaps[y];
    for (let k = 0; k < weights.length; k++) {
      const from = (start + k) * width;
      const weight = weights[k];
      for (let x = 0; x < width; x++) {
        out[y * width + x] += weight * across[from + x];
      }
    }
  }
  return { data: out, shape: [height, width] };
}

/** For each of `to` cells over `from` pixels: the first pixel and the weights (summing to 1). */
function boxTaps(from: number, to: number) {
  const step = from / to;
  return Array.from({ length: to }, (_, i) => {
    const begin = i * step;
    const end = (i + 1) * step;
    const start = Math.floor(begin);
    const stop = Math.min(Math.ceil(end), from);
    const weights = new Float64Array(stop - start);
    for (let p = start; p < stop; p++) {
      weights[p - start] = (Math.min(end, p + 1) - Math.max(begin, p)) / step;
    }
    return { start, weights };
  });
}
