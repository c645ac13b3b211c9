/**
 * PNG and JPEG uploads to 8-bit RGBA with fast-png and jpeg-js: the size is read
 * from the header and checked before any pixel is decoded.
 *
 * @module
 */

import { decode as decodePng, type DecodedPng } from "fast-png";
import { decode as decodeJpeg } from "jpeg-js";
import { inflateSync } from "node:zlib";
import type { RgbaImage } from "./preprocess.ts";
import {
  CHANNELS,
  type ImageInfo,
  type PngHeader,
  readImageInfo,
  readJpegHeader,
  readPngHeader,
} from "./image_info.ts";

export { type ImageInfo, readImageInfo };
/** Options of {@linkcode decodeImage}. */
export interface DecodeOptions {
  /** The most pixels (width × height) to decode; {@linkcode MAX_IMAGE_PIXELS} by default. */
  maxPixels?: number;
}

/**
 * The default limit on width × height: 16 million pixels (a 16-megapixel photo),
 * about 64 MB as RGBA; jpeg-js needs up to about 40 bytes a pixel while decoding.
 */
export const MAX_IMAGE_PIXELS = 16_000_000;

/**
 * The most pixels a JPEG's byte may stand for. Real pictures, even plain paper,
 * take far more than a byte per 2000 pixels; a smaller file that declares a
 * large size is truncated or hostile, and decoding it would cost seconds.
 */
export const MAX_JPEG_PIXELS_PER_BYTE = 2000;

/**
 * Decodes a PNG or JPEG to 8-bit RGBA, upright (a JPEG's EXIF orientation applied).
 * PNG: grey, grey + alpha, RGB, RGBA and palette, at 1, 2, 4, 8 or 16 bits (16
 * scaled to 8), tRNS transparency applied, Adam7 interlacing at 8 or 16 bits.
 * JPEG: baseline and progressive, greyscale, YCbCr and Adobe CMYK.
 *
 * @throws {RangeError} When width × height is over `maxPixels` (checked from the
 * header before decoding), or decoding would need too much memory.
 * @throws {SyntaxError} When the file is not a PNG or JPEG, or is truncated,
 * corrupt or of a kind not supported (interlaced PNG below 8 bits, CMYK JPEG
 * without an Adobe marker).
 */
export function decodeImage(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): RgbaImage {
  const { maxPixels = MAX_IMAGE_PIXELS } = options;
  if (!(maxPixels > 0)) {
    throw new RangeError(
      `Cannot decode image: maxPixels must be positive, got ${maxPixels}`,
    );
  }
  const { format, width, height } = readImageInfo(bytes);
  if (width * height > maxPixels) {
    throw new RangeError(
      `Cannot decode image: ${width}×${height} pixels is over the limit of ${maxPixels}; scale it down`,
    );
  }
  if (
    format === "jpeg" &&
    bytes.length * MAX_JPEG_PIXELS_PER_BYTE < width * height
  ) {
    // jpeg-js would spend seconds decoding the missing blocks as zeros
    throw new SyntaxError(
      `Cannot decode JPEG: ${bytes.length} bytes cannot hold ${width}×${height} pixels; the file is truncated`,
    );
  }
  return format === "png" ? decodePngRgba(bytes) : decodeJpegRgba(bytes);
}

function decodePngRgba(bytes: Uint8Array): RgbaImage {
  const header = readPngHeader(bytes);
  if (header.interlaced && header.depth < 8) {
    throw new SyntaxError(
      `Cannot decode PNG: interlaced images with ${header.depth}-bit samples are not supported; save it without interlacing`,
    );
  }
  checkInflatedSize(bytes, header);
  let png: DecodedPng;
  try {
    png = decodePng(bytes, { checkCrc: true });
  } catch (error) {
    throw new SyntaxError(`Cannot decode PNG: ${reason(error)}`);
  }
  return pngToRgba(png, header);
}

/**
 * Inflates the image data once, stopping at the size the header implies, so a
 * small file that inflates to gigabytes (a zip bomb) is refused before fast-png
 * keeps all of it in memory.
 */
function checkInflatedSize(bytes: Uint8Array, header: PngHeader): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) break;
    if (type === "IDAT") parts.push(bytes.subarray(offset + 8, end - 4));
    if (type === "IEND") break;
    offset = end;
  }
  if (parts.length === 0) {
    throw new SyntaxError("Cannot decode PNG: the file has no complete IDAT");
  }
  const expected = rawPngSize(header);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(concat(parts), { maxOutputLength: expected });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new SyntaxError(
      code === "ERR_BUFFER_TOO_LARGE"
        ? `Cannot decode PNG: its data inflates to more than the ${expected} bytes of ${header.width}×${header.height} pixels`
        : `Cannot decode PNG: the compressed data is corrupt or truncated (${
          reason(error)
        })`,
    );
  }
  if (inflated.length < expected) {
    throw new SyntaxError(
      `Cannot decode PNG: the image data is truncated (${inflated.length} of ${expected} bytes)`,
    );
  }
}

/** The bytes of a PNG's filtered scanlines: a filter byte per line, Adam7 passes summed. */
function rawPngSize(header: PngHeader): number {
  const { width, height, depth, colourType, interlaced } = header;
  const bits = depth * CHANNELS[colourType];
  const lines = (w: number, h: number) =>
    w > 0 && h > 0 ? h * (1 + Math.ceil((w * bits) / 8)) : 0;
  if (!interlaced) return lines(width, height);
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  return passes.reduce(
    (sum, [x, y, dx, dy]) =>
      sum + lines(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)),
    0,
  );
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Every PNG variant that fast-png returns, as 8-bit RGBA. */
function pngToRgba(png: DecodedPng, header: PngHeader): RgbaImage {
  const { width, height, depth, colourType } = header;
  const channels = CHANNELS[colourType];
  const samples = png.data;
  const perLine = Math.ceil((width * depth * channels) / 8);
  if (
    png.width !== width || png.height !== height ||
    samples.length < (depth < 8 ? perLine * height : width * height * channels)
  ) {
    throw new SyntaxError("Cannot decode PNG: the image data is incomplete");
  }
  // sample `i` of the image, unpacked from 1, 2 or 4 bits when needed
  const mask = (1 << depth) - 1;
  const sample = depth >= 8 ? (i: number) => samples[i] : (i: number) => {
    const y = Math.floor(i / width);
    const bit = (i - y * width) * depth;
    return (samples[y * perLine + (bit >> 3)] >> (8 - depth - (bit & 7))) &
      mask;
  };
  const to8 = depth === 16
    ? (v: number) => (v * 255 + 32895) >>> 16
    : (v: number) => (v * 255) / mask;
  const size = width * height;
  const out = new Uint8Array(size * 4);
  const key = png.transparency; // tRNS of grey or RGB: the one see-through colour
  if (colourType === 3) {
    const palette = png.palette;
    if (!palette) {
      throw new SyntaxError("Cannot decode PNG: the palette (PLTE) is missing");
    }
    for (let i = 0; i < size; i++) {
      const colour = palette[sample(i)];
      if (!colour) {
        throw new SyntaxError(
          `Cannot decode PNG: palette index ${
            sample(i)
          } but the palette has ${palette.length} colours`,
        );
      }
      out[i * 4] = colour[0];
      out[i * 4 + 1] = colour[1];
      out[i * 4 + 2] = colour[2];
      out[i * 4 + 3] = colour[3] ?? 255;
    }
  } else if (channels <= 2) {
    for (let i = 0; i < size; i++) {
      const raw = sample(i * channels);
      const grey = to8(raw);
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = grey;
      out[i * 4 + 3] = channels === 2
        ? to8(samples[i * 2 + 1])
        : key && raw === key[0]
        ? 0
        : 255;
    }
  } else {
    for (let i = 0; i < size; i++) {
      const p = i * channels;
      out[i * 4] = to8(samples[p]);
      out[i * 4 + 1] = to8(samples[p + 1]);
      out[i * 4 + 2] = to8(samples[p + 2]);
      out[i * 4 + 3] = channels === 4
        ? to8(samples[p + 3])
        : key && samples[p] === key[0] && samples[p + 1] === key[1] &&
            samples[p + 2] === key[2]
        ? 0
        : 255;
    }
  }
  return { width, height, data: out };
}

function decodeJpegRgba(bytes: Uint8Array): RgbaImage {
  const { width, height } = readJpegHeader(bytes);
  let jpeg: {
    width: number;
    height: number;
    data: Uint8Array;
    exifBuffer?: Uint8Array;
  };
  try {
    jpeg = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: (width * height) / 1e6 + 1,
      maxMemoryUsageInMB: Math.ceil((width * height * 40) / 2 ** 20) + 32,
    });
  } catch (error) {
    const message = `Cannot decode JPEG: ${reason(error)}`;
    throw /limit exceeded/.test(message)
      ? new RangeError(message)
      : new SyntaxError(message);
  }
  const image = { width: jpeg.width, height: jpeg.height, data: jpeg.data };
  return orient(image, exifOrientation(jpeg.exifBuffer));
}

/**
 * The EXIF orientation (1–8) from jpeg-js's `exifBuffer` (the APP1 segment after
 * "Exif\0"), 1 when absent or unreadable.
 */
function exifOrientation(exif: Uint8Array | undefined): number {
  if (!exif || exif.length < 9) return 1;
  // jpeg-js cuts "Exif\0" and leaves the second padding 0 before the TIFF header
  const tiff = exif[0] === 0 ? exif.subarray(1) : exif;
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
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Turns a stored image upright as EXIF orientation 1–8 asks (mirror and/or rotate). */
function orient(image: RgbaImage, orientation: number): RgbaImage {
  if (orientation === 1) return image;
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

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
