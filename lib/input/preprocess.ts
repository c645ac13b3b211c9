/**
 * MNIST's own preprocessing, for any picture of a digit: ink from alpha or
 * luminance, background removed, cropped, area-scaled into 20×20, centred by
 * mass in 28×28. Pure TypeScript over RGBA arrays, so the server and the page
 * share it. The ink is found in _intensity.ts, the scaling is _resize.ts's.
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
import { resizeArea } from "./_resize.ts";

export {
  type Bounds,
  checkRgbaImage,
  inkBounds,
  intensity,
  MIN_CONTRAST,
  type RgbaImage,
} from "./_intensity.ts";
export { resizeArea, type ResizeOptions } from "./_resize.ts";

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
