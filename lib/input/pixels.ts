/**
 * Turns the images a client sends (784 numbers, 28 rows of 28, raw bytes or
 * float32 values) into the N×784 float32 pixels in [0, 1] that the networks
 * take. This is the one place pixels are checked: a {@linkcode Pixels} value
 * can only be made here, so code that takes one trusts it without a rescan.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import {
  IMAGE_SIDE,
  IMAGE_SIZE,
  type Tensor,
  unitFromBytes,
} from "../tensor.ts";

declare const checked: unique symbol;

/**
 * N×784 float32 pixels in [0, 1], row-major, N ≥ 1: checked once by a
 * function of this module (the only way to make one).
 */
export type Pixels = Tensor & { readonly [checked]: true };

/** One image as JSON gives it: 784 numbers, or 28 rows of 28 numbers. */
export type ImageRows = number[] | number[][];

function trusted(data: Float32Array, n: number): Pixels {
  return { data, shape: [n, IMAGE_SIZE] } as unknown as Pixels;
}

function badValue(
  where: string,
  i: number,
  value: unknown,
  scale: number,
): ClientError {
  const hint = scale === 1 && typeof value === "number" && value > 1 &&
      value <= 255
    ? ' (for 0–255 values send "scale": 255)'
    : "";
  const shown = typeof value === "number" || typeof value === "string" ||
      typeof value === "boolean" || value === null
    ? JSON.stringify(value)?.slice(0, 40) ?? String(value)
    : Array.isArray(value)
    ? "an array"
    : `a ${typeof value}`;
  return new ClientError(
    typeof value === "number" ? 422 : 400,
    `Cannot read ${where}: pixel ${i} (row ${
      Math.floor(i / IMAGE_SIDE)
    }, column ${
      i % IMAGE_SIDE
    }) is ${shown}, values in [0, ${scale}] expected${hint}`,
  );
}

/** Options of {@linkcode pixelsFromRows}. */
export interface RowsOptions {
  /** 1 (default) when values are already in [0, 1], 255 for raw 0–255 values. */
  scale?: number;
  /** How messages name the images: `"pixels"` (one image) or `"batch"` (`batch[3]`). */
  field?: "pixels" | "batch";
}

/**
 * Reads N images given as JSON (each 784 numbers row-major, or 28 rows of 28)
 * into checked pixels, dividing by `scale`. One pass: shape, type and range.
 *
 * @param images N ≥ 1 images.
 * @throws {ClientError} 400 when an image is not 784 numbers or 28×28, or a
 * value is not a number; 422 when a number is outside [0, scale].
 */
export function pixelsFromRows(
  images: readonly unknown[],
  options: RowsOptions = {},
): Pixels {
  const { scale = 1, field = "batch" } = options;
  if (images.length === 0) {
    throw new ClientError(400, "Cannot read images: none given");
  }
  const data = new Float32Array(images.length * IMAGE_SIZE);
  for (let n = 0; n < images.length; n++) {
    const image = images[n];
    const where = field === "pixels" ? "pixels" : `batch[${n}]`;
    if (!Array.isArray(image)) {
      throw new ClientError(
        400,
        `Cannot read ${where}: 784 numbers or 28 rows of 28 expected, got ${
          image === null ? "null" : typeof image
        }`,
      );
    }
    const offset = n * IMAGE_SIZE;
    if (image.length === IMAGE_SIDE && Array.isArray(image[0])) {
      for (let r = 0; r < IMAGE_SIDE; r++) {
        const row = image[r];
        if (!Array.isArray(row) || row.length !== IMAGE_SIDE) {
          throw new ClientError(
            400,
            `Cannot read ${where}: row ${r} is not 28 numbers (784 numbers or 28 rows of 28 expected)`,
          );
        }
        for (let c = 0; c < IMAGE_SIDE; c++) {
          const value = row[c];
          if (typeof value !== "number" || !(value >= 0 && value <= scale)) {
            throw badValue(where, r * IMAGE_SIDE + c, value, scale);
          }
          data[offset + r * IMAGE_SIDE + c] = value / scale;
        }
      }
      continue;
    }
    if (image.length !== IMAGE_SIZE) {
      throw new ClientError(
        400,
        `Cannot read ${where}: 784 numbers or 28 rows of 28 expected, got ${image.length} values`,
      );
    }
    for (let i = 0; i < IMAGE_SIZE; i++) {
      const value = image[i];
      if (typeof value !== "number" || !(value >= 0 && value <= scale)) {
        throw badValue(where, i, value, scale);
      }
      data[offset + i] = value / scale;
    }
  }
  return trusted(data, images.length);
}

/**
 * Reads N×784 unsigned bytes (0–255, row-major images one after another)
 * as N×784 pixels in [0, 1]. Every byte is in range by construction.
 *
 * @throws {ClientError} 400 when the length is zero or not a multiple of 784.
 */
export function pixelsFromBytes(bytes: Uint8Array): Pixels {
  if (bytes.length === 0 || bytes.length % IMAGE_SIZE !== 0) {
    throw new ClientError(
      400,
      `Cannot read images: N×784 bytes expected, got ${bytes.length} (not a multiple of 784)`,
    );
  }
  return trusted(unitFromBytes(bytes), bytes.length / IMAGE_SIZE);
}

/**
 * Checks float32 values (N×784, row-major) as pixels in [0, 1], without a copy.
 *
 * @throws {ClientError} 400 when the length is zero or not a multiple of 784;
 * 422 when a value is NaN or outside [0, 1].
 */
export function pixelsFromFloats(values: Float32Array): Pixels {
  if (values.length === 0 || values.length % IMAGE_SIZE !== 0) {
    throw new ClientError(
      400,
      `Cannot read images: N×784 values expected, got ${values.length} (not a multiple of 784)`,
    );
  }
  for (let at = 0; at < values.length; at++) {
    const value = values[at];
    if (!(value >= 0 && value <= 1)) {
      throw new ClientError(
        422,
        `Cannot read image ${Math.floor(at / IMAGE_SIZE)}: pixel ${
          at % IMAGE_SIZE
        } is ${value}, values in [0, 1] expected`,
      );
    }
  }
  return trusted(values, values.length / IMAGE_SIZE);
}

/** Rows `[start, end)` of checked pixels, as checked pixels (a view, no copy). */
export function pixelRows(pixels: Pixels, start: number, end: number): Pixels {
  const stop = Math.min(end, pixels.shape[0]);
  return trusted(
    pixels.data.subarray(start * IMAGE_SIZE, stop * IMAGE_SIZE),
    stop - start,
  );
}

/** Checked pixels one after another, as one N×784 block (a copy). */
export function joinPixels(parts: readonly Pixels[]): Pixels {
  const n = parts.reduce((sum, part) => sum + part.shape[0], 0);
  const data = new Float32Array(n * IMAGE_SIZE);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return trusted(data, n);
}

/**
 * Reads a flat list of N×784 JSON values (row-major, images one after
 * another, as a V2 tensor's `data` carries them) into checked pixels. One
 * pass: type and range.
 *
 * @throws {ClientError} 400 when the length is not a non-zero multiple of 784
 * or a value is not a number; 422 when a number is outside [0, 1].
 */
export function pixelsFromNumbers(values: readonly unknown[]): Pixels {
  if (values.length === 0 || values.length % IMAGE_SIZE !== 0) {
    throw new ClientError(
      400,
      `Cannot read images: N×784 values expected, got ${values.length} (not a multiple of 784)`,
    );
  }
  const data = new Float32Array(values.length);
  for (let at = 0; at < values.length; at++) {
    const value = values[at];
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw badValue(`data[${at}]`, at % IMAGE_SIZE, value, 1);
    }
    data[at] = value;
  }
  return trusted(data, values.length / IMAGE_SIZE);
}
