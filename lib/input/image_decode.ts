/**
 * PNG and JPEG uploads to 8-bit RGBA, upright: the format and size are read
 * from the header and checked before any pixel is decoded. This is the
 * synchronous decoder, for scripts and tests; the server decodes off its event
 * loop with `mnistInputOffThread` (lib/http/decode_off_thread.ts).
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { MAX_IMAGE_PIXELS, MAX_JPEG_PIXELS_PER_BYTE } from "../limits.ts";
import { type ImageInfo, readImageInfo } from "./image_info.ts";
import { decodeJpeg } from "./_jpeg_decode.ts";
import { decodePng } from "./_png_decode.ts";
import type { RgbaImage } from "./preprocess.ts";

export { type ImageInfo, readImageInfo };

/** Options of {@linkcode decodeImage}. */
export interface DecodeOptions {
  /** The most pixels (width × height) to decode; `MAX_IMAGE_PIXELS` of lib/limits.ts by default. */
  maxPixels?: number;
}

/**
 * Decodes a PNG or JPEG to 8-bit RGBA, upright (the EXIF orientation of a
 * JPEG's APP1 segment or a PNG's eXIf chunk applied).
 * PNG: grey, grey + alpha, RGB, RGBA and palette, at 1, 2, 4, 8 or 16 bits (16
 * scaled to 8), tRNS transparency applied, Adam7 interlacing at 8 or 16 bits.
 * JPEG: baseline and progressive, greyscale, YCbCr and Adobe CMYK.
 *
 * @throws {ClientError} 413 when width × height is over `maxPixels` (checked from
 * the header before decoding), or decoding would need too much memory (a PNG
 * whose data inflates past its declared size, a zip bomb, is one).
 * @throws {ClientError} 400 when the file is not a PNG or JPEG, or is truncated,
 * corrupt or of a kind not supported (interlaced PNG below 8 bits, CMYK JPEG
 * without an Adobe marker).
 * @throws {RangeError} When `maxPixels` is not positive (the caller's bug).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encode } from "fast-png";
 * import { decodeImage } from "./image_decode.ts";
 * const png = encode({ width: 2, height: 1, channels: 1, data: Uint8Array.from([0, 255]) });
 * const { width, height, data } = decodeImage(png);
 * assertEquals([width, height], [2, 1]);
 * assertEquals([...data], [0, 0, 0, 255, 255, 255, 255, 255]);
 * ```
 */
export function decodeImage(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): RgbaImage {
  const { format } = checkImage(bytes, options);
  return format === "png" ? decodePng(bytes) : decodeJpeg(bytes);
}

/**
 * The checks {@linkcode decodeImage} makes from the header alone, before any
 * pixel is decoded: the format, the size within `maxPixels`, and a JPEG large
 * enough for the size it declares. Returns what the header says.
 *
 * @throws {ClientError} 400 or 413 as {@linkcode decodeImage} does for these.
 * @throws {RangeError} When `maxPixels` is not positive (the caller's bug).
 */
export function checkImage(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): ImageInfo {
  const { maxPixels = MAX_IMAGE_PIXELS } = options;
  if (!(maxPixels > 0)) {
    throw new RangeError(
      `Cannot decode image: maxPixels must be positive, got ${maxPixels}`,
    );
  }
  const info = readImageInfo(bytes);
  const { format, width, height } = info;
  if (width * height > maxPixels) {
    throw new ClientError(
      413,
      `Cannot decode image: ${width}×${height} pixels is over the limit of ${maxPixels}; scale it down`,
    );
  }
  if (
    format === "jpeg" &&
    bytes.length * MAX_JPEG_PIXELS_PER_BYTE < width * height
  ) {
    // jpeg-js would spend seconds decoding the missing blocks as zeros
    throw new ClientError(
      400,
      `Cannot decode JPEG: ${bytes.length} bytes cannot hold ${width}×${height} pixels; the file is truncated`,
    );
  }
  return info;
}
