/**
 * The EXIF orientation tag of a photo, and turning its pixels upright as
 * browsers do: the same code serves a JPEG's APP1 segment and a PNG's eXIf chunk.
 *
 * @module
 */

import type { RgbaImage } from "./preprocess.ts";

/** The TIFF tag of the orientation in IFD0. */
const ORIENTATION_TAG = 0x0112;

/**
 * The orientation (1–8) in EXIF data that starts with its TIFF header ("II*\0"
 * or "MM\0*"), as a PNG's eXIf chunk holds it and a JPEG's APP1 segment after
 * "Exif\0\0". 1 (as stored) when the tag is absent or the data unreadable:
 * a broken tag never makes an image unreadable.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { exifOrientation } from "./_exif_orientation.ts";
 * // big-endian TIFF header, IFD0 at 8 with one entry: orientation (SHORT) = 6
 * const tiff = Uint8Array.from([
 *   0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1,
 *   0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
 * ]);
 * assertEquals(exifOrientation(tiff), 6);
 * ```
 */
export function exifOrientation(tiff: Uint8Array | undefined): number {
  if (!tiff || tiff.length < 8) return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== "II" && order !== "MM") return 1;
  const little = order === "II";
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/**
 * Turns a stored image upright as EXIF orientation 1–8 asks: 2 mirrors, 3
 * turns 180°, 4 flips, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8
 * turns 90° anticlockwise. Orientations 5–8 swap width and height. Returns the
 * image itself for 1 (or any other value), else a new one.
 */
export function orient(image: RgbaImage, orientation: number): RgbaImage {
  if (!(orientation >= 2 && orientation <= 8)) return image;
  const { width, height, data } = image;
  const swap = orientation >= 5;
  const outWidth = swap ? height : width;
  const outHeight = swap ? width : height;
  const out = new Uint8Array(data.length);
  const words = new Uint32Array(data.buffer, data.byteOffset, width * height);
  const outWords = new Uint32Array(out.buffer);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      // the stored pixel (sx, sy) that is shown at (x, y)
      const sx = orientation === 2 || orientation === 3
        ? width - 1 - x
        : orientation === 4
        ? x
        : orientation === 5 || orientation === 6
        ? y
        : width - 1 - y;
      const sy = orientation === 2
        ? y
        : orientation === 3 || orientation === 4
        ? height - 1 - y
        : orientation === 5 || orientation === 8
        ? x
        : height - 1 - x;
      outWords[y * outWidth + x] = words[sy * width + sx];
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}
