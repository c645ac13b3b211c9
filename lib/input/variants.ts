/**
 * MNIST's preprocessing with each step switchable, for the page's lab: crop
 * to the ink and scale into 20×20 (or scale the whole picture), centre by the
 * centre of mass (or by the box), then shift. With every step on and no shift
 * it gives exactly what {@linkcode toMnistInput} gives.
 *
 * @module
 */

import {
  centreByMass,
  fitDigit,
  FRAME_SIZE,
  inkBounds,
  intensity,
  type RgbaImage,
  toMnistInput,
} from "./preprocess.ts";
import type { Tensor } from "../tensor.ts";

/** Which steps of the preprocessing run, and a shift after them. */
export interface VariantOptions {
  /** Crop to the ink before scaling into 20×20 (else the whole picture is scaled); on by default. */
  crop?: boolean;
  /** Centre by the centre of mass (else by the 20×20 box's middle); on by default. */
  centre?: boolean;
  /** Whole pixels to move the result right (negative: left); 0 by default. */
  shiftX?: number;
  /** Whole pixels to move the result down (negative: up); 0 by default. */
  shiftY?: number;
}

/** Places a digit's box in the middle of the frame. */
function centreByBox(digit: Tensor): Tensor {
  const [height, width] = digit.shape;
  const out = new Float32Array(FRAME_SIZE * FRAME_SIZE);
  const left = Math.floor((FRAME_SIZE - width) / 2);
  const top = Math.floor((FRAME_SIZE - height) / 2);
  for (let y = 0; y < height; y++) {
    out.set(
      digit.data.subarray(y * width, (y + 1) * width),
      (top + y) * FRAME_SIZE + left,
    );
  }
  return { data: out, shape: [FRAME_SIZE, FRAME_SIZE] };
}

/** Moves a 28×28 frame by whole pixels; what leaves it is lost. */
function shift(frame: Float32Array, dx: number, dy: number): Float32Array {
  if (dx === 0 && dy === 0) return frame;
  const out = new Float32Array(frame.length);
  for (let y = 0; y < FRAME_SIZE; y++) {
    const from = y - dy;
    if (from < 0 || from >= FRAME_SIZE) continue;
    for (let x = 0; x < FRAME_SIZE; x++) {
      const fromX = x - dx;
      if (fromX >= 0 && fromX < FRAME_SIZE) {
        out[y * FRAME_SIZE + x] = frame[from * FRAME_SIZE + fromX];
      }
    }
  }
  return out;
}

/**
 * The network's input for a picture of a digit, with MNIST's steps switched
 * on or off as `options` say.
 *
 * @returns 784 values in [0, 1], row-major 28×28, white digit on black.
 * @throws {TypeError} When the image is malformed or a shift is not a whole number.
 * @throws {RangeError} When the image has no ink.
 */
export function preprocessVariant(
  image: RgbaImage,
  options: VariantOptions = {},
): Float32Array {
  const { crop = true, centre = true, shiftX = 0, shiftY = 0 } = options;
  if (!Number.isInteger(shiftX) || !Number.isInteger(shiftY)) {
    throw new TypeError(
      `Cannot shift by ${shiftX}, ${shiftY}: whole pixels expected`,
    );
  }
  if (crop && centre) return shift(toMnistInput(image), shiftX, shiftY);
  const ink = intensity(image);
  const found = inkBounds(ink);
  if (!found) {
    throw new RangeError(
      "Cannot read a digit: the image has no ink (nothing was drawn)",
    );
  }
  const [height, width] = ink.shape;
  const bounds = crop
    ? found
    : { left: 0, top: 0, right: width, bottom: height };
  const digit = fitDigit(ink, bounds);
  const placed = centre ? centreByMass(digit) : centreByBox(digit);
  return shift(placed.data, shiftX, shiftY);
}
