/**
 * MNIST's own preprocessing, for any picture of a digit: ink from alpha or
 * luminance, background removed, cropped, area-scaled into 20×20, centred by
 * mass in 28×28. Pure TypeScript over RGBA arrays, so the server and the page
 * share it. The ink is found in _intensity.ts; the scaling is the box filter
 * MNIST's digits were scaled with ({@linkcode resizeArea}).
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import type { Tensor } from "../tensor.ts";
import {
  type Bounds,
  inkBounds,
  intensity,
  type RgbaImage,
} from "./_intensity.ts";

export {
  type Bounds,
  checkRgbaImage,
  inkBounds,
  intensity,
  MIN_CONTRAST,
  type RgbaImage,
} from "./_intensity.ts";

/** The side of MNIST's frame: 28 pixels. */
export const FRAME_SIZE = 28;
/** The side of the box MNIST scales each digit into (its longer side): 20 pixels. */
export const DIGIT_SIZE = 20;
/**
 * The intensity-weighted mean position of a `[height, width]` tensor, in pixel
 * indices (column `x`, row `y`), as MNIST measures it.
 *
 * @throws {RangeError} When the tensor has no mass (every pixel is 0).
 */
export function centreOfMass(ink: Tensor): { x: number; y: number } {
  const [height, width] = ink.shape;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = ink.data[y * width + x];
      mass += value;
      sumX += value * x;
      sumY += value * y;
    }
  }
  if (!(mass > 0)) {
    throw new RangeError(
      "Cannot find the centre of mass: the image has no ink",
    );
  }
  return { x: sumX / mass, y: sumY / mass };
}

/**
 * Places a digit in a `size`×`size` frame (28 by default) so that its centre of
 * mass lands on pixel (size/2, size/2), shifting by whole pixels and clipping
 * what falls outside. Returns a `[size, size]` tensor.
 *
 * @throws {RangeError} When the digit has no ink.
 */
export function centreByMass(digit: Tensor, size = FRAME_SIZE): Tensor {
  const [height, width] = digit.shape;
  const centre = centreOfMass(digit);
  const shiftX = Math.round(size / 2 - centre.x);
  const shiftY = Math.round(size / 2 - centre.y);
  const out = new Float32Array(size * size);
  for (let y = Math.max(0, -shiftY); y < height; y++) {
    const toY = y + shiftY;
    if (toY >= size) break;
    for (let x = Math.max(0, -shiftX); x < width; x++) {
      const toX = x + shiftX;
      if (toX >= size) break;
      out[toY * size + toX] = digit.data[y * width + x];
    }
  }
  return { data: out, shape: [size, size] };
}

/**
 * Turns a picture of one digit into the network's input, made as MNIST was:
 * {@linkcode intensity}, crop to {@linkcode inkBounds}, {@linkcode resizeArea} so
 * the longer side is 20 pixels (aspect kept), stretch so the darkest stroke is 1,
 * and {@linkcode centreByMass} in 28×28.
 *
 * @returns 784 values in [0, 1], row-major 28×28, white digit on black.
 * @throws {ClientError} 422 when the image has no ink (nothing was drawn).
 * @throws {TypeError} When the image is malformed (the caller's bug: see
 * {@linkcode checkRgbaImage}).
 *
 * @example
 * ```ts
 * import { toMnistInput } from "./preprocess.ts";
 * import { assertEquals } from "@std/assert";
 *
 * // a black bar, 10×60 pixels, on white paper
 * const data = new Uint8Array(100 * 100 * 4).fill(255);
 * for (let y = 20; y < 80; y++) {
 *   for (let x = 45; x < 55; x++) data.fill(0, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3);
 * }
 * const pixels = toMnistInput({ width: 100, height: 100, data });
 * assertEquals(pixels.length, 784);
 * assertEquals(pixels[14 * 28 + 14], 1); // the bar sits on the centre
 * ```
 */
export function toMnistInput(image: RgbaImage): Float32Array {
  const ink = intensity(image);
  const bounds = inkBounds(ink);
  if (!bounds) {
    throw new ClientError(
      422,
      "Cannot read a digit: the image has no ink (nothing was drawn)",
    );
  }
  return centreByMass(fitDigit(ink, bounds)).data;
}

/**
 * The ink inside `bounds`, its longer side scaled to 20 px by area averaging
 * and its brightest pixel made 1, as MNIST's digits are.
 */
export function fitDigit(ink: Tensor, bounds: Bounds): Tensor {
  const boxWidth = bounds.right - bounds.left;
  const boxHeight = bounds.bottom - bounds.top;
  const scale = DIGIT_SIZE / Math.max(boxWidth, boxHeight);
  const digit = resizeArea(ink, {
    bounds,
    width: Math.max(1, Math.round(boxWidth * scale)),
    height: Math.max(1, Math.round(boxHeight * scale)),
  });
  const peak = digit.data.reduce((a, b) => Math.max(a, b), 0);
  for (let i = 0; i < digit.data.length; i++) {
    digit.data[i] = Math.min(1, digit.data[i] / peak);
  }
  return digit;
}

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
