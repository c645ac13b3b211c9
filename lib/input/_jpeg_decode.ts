/**
 * JPEG to 8-bit RGBA with jpeg-js, upright as its EXIF orientation says, within
 * a memory budget set from the size its frame header declares.
 *
 * @module
 */

import { decode } from "jpeg-js";
import { ClientError } from "../errors.ts";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import { readJpegHeader } from "./image.ts";
import type { RgbaImage } from "./preprocess.ts";

/**
 * Decodes a JPEG to 8-bit RGBA, upright (its EXIF orientation applied):
 * baseline and progressive, greyscale, YCbCr and Adobe CMYK.
 *
 * The pixel limit is the caller's to check first (see `decodeImage`).
 *
 * @throws {ClientError} 400 when the file is truncated, corrupt or of a kind not
 * supported (CMYK without an Adobe marker).
 * @throws {ClientError} 413 when decoding would need more memory than its
 * declared size allows.
 */
export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const { width, height } = readJpegHeader(bytes);
  let jpeg: {
    width: number;
    height: number;
    data: Uint8Array;
    exifBuffer?: Uint8Array;
  };
  try {
    jpeg = decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: (width * height) / 1e6 + 1,
      // jpeg-js needs up to about 40 bytes a pixel while decoding
      maxMemoryUsageInMB: Math.ceil((width * height * 40) / 2 ** 20) + 32,
    });
  } catch (error) {
    const message = `Cannot decode JPEG: ${
      error instanceof Error ? error.message : String(error)
    }`;
    throw new ClientError(/limit exceeded/.test(message) ? 413 : 400, message);
  }
  // jpeg-js cuts "Exif\0" from APP1 and leaves the second 0 before the TIFF header
  const exif = jpeg.exifBuffer?.[0] === 0
    ? jpeg.exifBuffer.subarray(1)
    : jpeg.exifBuffer;
  const image = { width: jpeg.width, height: jpeg.height, data: jpeg.data };
  return orient(image, exifOrientation(exif));
}
