// Turns the images a client sends (784 numbers, 28 rows of 28, or raw bytes)
// into the N×784 float32 pixels in [0, 1] that the network takes.

import type { Tensor } from "../tensor.ts";

/** One image as JSON gives it: 784 numbers, or 28 rows of 28 numbers. */
export type ImageRows = number[] | number[][];

/**
 * Flattens images to N×784 float32 and divides them by `scale`.
 *
 * @param images N images, each 784 numbers (row-major) or 28 rows of 28.
 * @param scale 1 when values are already in [0, 1], 255 for raw 0–255 values.
 * @throws {TypeError} When an image is not 784 numbers or 28×28.
 * @throws {RangeError} When a value is outside [0, scale] (the message names it).
 */
export function pixelsFromRows(images: ImageRows[], scale = 1): Tensor {
  const data = new Float32Array(images.length * 784);
  images.forEach((image, n) => {
    const flat = image.length === 28 && Array.isArray(image[0])
      ? (image as number[][]).flat()
      : image as number[];
    if (flat.length !== 784) {
      throw new TypeError(
        `Cannot read image ${n}: 784 numbers or 28 rows of 28 expected, got ${flat.length} values`,
      );
    }
    for (let i = 0; i < 784; i++) {
      const value = flat[i];
      if (typeof value !== "number" || !(value >= 0 && value <= scale)) {
        throw new RangeError(
          `Cannot read image ${n}: pixel ${i} (row ${
            Math.floor(i / 28)
          }, column ${i % 28}) is ${
            JSON.stringify(value)
          }, values in [0, ${scale}] expected${
            scale === 1 && typeof value === "number" && value > 1 &&
              value <= 255
              ? ' (for 0–255 values send "scale": 255)'
              : ""
          }`,
        );
      }
      data[n * 784 + i] = value / scale;
    }
  });
  return { data, shape: [images.length, 784] };
}

/**
 * Reads N×784 unsigned bytes (0–255, row-major images one after another)
 * as N×784 pixels in [0, 1].
 *
 * @throws {TypeError} When the length is zero or not a multiple of 784.
 */
export function pixelsFromBytes(bytes: Uint8Array): Tensor {
  if (bytes.length === 0 || bytes.length % 784 !== 0) {
    throw new TypeError(
      `Cannot read images: N×784 bytes expected, got ${bytes.length} (not a multiple of 784)`,
    );
  }
  const data = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = bytes[i] / 255;
  return { data, shape: [bytes.length / 784, 784] };
}

/** Rounds float32 values to plain numbers for JSON (9 significant digits, enough to give back the same float32). */
export function toJsonNumbers(values: Float32Array): number[] {
  return Array.from(values, (value) => Number(value.toPrecision(9)));
}
