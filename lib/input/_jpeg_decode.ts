/**
 * JPEG to 8-bit RGBA with jpeg-js, upright as its EXIF orientation says, within
 * a memory budget set from the size its frame header declares.
 *
 * @module
 */

import { decode } from "jpeg-js";
import { ClientError } from "../errors.ts";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import type { ImageInfo } from "./image.ts";
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

/**
 * Walks a JPEG's markers to its frame header (SOFn) and reads the size.
 *
 * @throws {ClientError} 400 when no frame header comes before the scan or the end.
 */
export function readJpegHeader(bytes: Uint8Array): ImageInfo {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) {
      throw new ClientError(
        400,
        `Cannot decode JPEG: a marker expected at byte ${offset}`,
      );
    }
    const marker = bytes[offset + 1];
    if (marker === 0xff) { // fill byte before a marker
      offset++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // EOI or SOS: too late
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC)
    if (
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 &&
      marker !== 0xcc
    ) {
      if (offset + 9 > bytes.length) break;
      const height = (bytes[offset + 5] << 8) | bytes[offset + 6];
      const width = (bytes[offset + 7] << 8) | bytes[offset + 8];
      if (width === 0 || height === 0) {
        throw new ClientError(
          400,
          `Cannot decode JPEG: the header declares ${width}×${height} pixels`,
        );
      }
      return { format: "jpeg", width, height };
    }
    if (length < 2) {
      throw new ClientError(
        400,
        `Cannot decode JPEG: segment at byte ${offset} has length ${length}`,
      );
    }
    offset += 2 + length;
  }
  throw new ClientError(
    400,
    "Cannot decode JPEG: the file ends or its scan begins before a frame header (SOF)",
  );
}
