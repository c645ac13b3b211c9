/**
 * PNG and JPEG uploads: what the header says (the PNG's IHDR, the JPEG's
 * SOFn segment), read without decoding, so that limits are checked before
 * any pixel is decoded, and the decoding to 8-bit RGBA, upright. This is the
 * synchronous decoder, for scripts and tests; the server decodes off its
 * event loop with `mnistInputOffThread` (lib/http/decode.ts). The formats'
 * own decoders are _png.ts and _jpeg_decode.ts.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import {
  MAX_IMAGE_PIXELS,
  MAX_JPEG_PIXELS_PER_BYTE,
  MAX_PNG_DATA_BYTES,
} from "../limits.ts";
import { decodeJpeg, readJpegHeader } from "./_jpeg_decode.ts";
import { decodeJpegScaled, JPEG_SCALE } from "./_jpeg_scaled.ts";
import { decodePng } from "./_png.ts";
import { decodePngReduced } from "./_png_strips.ts";
import type { RgbaImage } from "./preprocess.ts";

/** What the header of an image says, read without decoding it. */
export interface ImageInfo {
  format: "png" | "jpeg";
  /** Width in pixels as stored (before any EXIF rotation). */
  width: number;
  /** Height in pixels as stored (before any EXIF rotation). */
  height: number;
}

/** PNG colour types: name, samples a pixel, and the bit depths allowed. */
const COLOUR_TYPES: Record<number, [string, number, number[]]> = {
  0: ["grey", 1, [1, 2, 4, 8, 16]],
  2: ["RGB", 3, [8, 16]],
  3: ["palette", 1, [1, 2, 4, 8]],
  4: ["grey + alpha", 2, [8, 16]],
  6: ["RGBA", 4, [8, 16]],
};

/** Samples a pixel by PNG colour type: grey, RGB, palette, grey + alpha, RGBA. */
export const CHANNELS: Record<number, number> = Object.fromEntries(
  Object.entries(COLOUR_TYPES).map(([type, [, channels]]) => [type, channels]),
);

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** The PNG header fields the decoder needs besides the size. */
export interface PngHeader extends ImageInfo {
  depth: number;
  colourType: number;
  interlaced: boolean;
}

/**
 * Reads the format and size of a PNG or JPEG from its header alone (the PNG's
 * IHDR, the JPEG's SOFn segment), without decoding pixels.
 *
 * @throws {ClientError} 400 when the bytes are not a PNG or JPEG, the header is
 * truncated or broken, or it declares a width or height of 0.
 */
export function readImageInfo(bytes: Uint8Array): ImageInfo {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    const { format, width, height } = readPngHeader(bytes);
    return { format, width, height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegHeader(bytes);
  throw new ClientError(
    400,
    `Cannot read image: a PNG or JPEG file expected, got ${describe(bytes)}`,
  );
}

/** Names the format of an unsupported file for the error message. */
function describe(bytes: Uint8Array): string {
  const text = String.fromCharCode(...bytes.subarray(0, 12));
  if (text.startsWith("GIF8")) return "a GIF";
  if (text.startsWith("RIFF") && text.slice(8) === "WEBP") return "a WebP";
  if (text.startsWith("BM")) return "a BMP";
  if (/^....ftyp(heic|heix|mif1|avif)/s.test(text)) return "a HEIC/AVIF";
  if (bytes.length === 0) return "an empty file";
  return "unknown bytes";
}

/**
 * Reads a PNG's IHDR: size, bit depth, colour type and interlacing.
 *
 * @throws {ClientError} 400 when the header is truncated, broken or declares 0
 * pixels, or a compression, filter or interlace method PNG does not define.
 */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (bytes.length < 29 || type !== "IHDR" || view.getUint32(8) !== 13) {
    throw new ClientError(
      400,
      "Cannot decode PNG: the file is truncated or does not start with its IHDR header",
    );
  }
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const depth = bytes[24];
  const colourType = bytes[25];
  if (width === 0 || height === 0 || width > 2 ** 31 || height > 2 ** 31) {
    throw new ClientError(
      400,
      `Cannot decode PNG: the header declares ${width}×${height} pixels`,
    );
  }
  if (!COLOUR_TYPES[colourType]?.[2].includes(depth)) {
    throw new ClientError(
      400,
      `Cannot decode PNG: colour type ${colourType} at ${depth} bits is not a PNG format`,
    );
  }
  // compression and filter method 0 are the only ones PNG defines; interlace 0 or 1 (Adam7)
  if (bytes[26] !== 0 || bytes[27] !== 0 || bytes[28] > 1) {
    throw new ClientError(
      400,
      `Cannot decode PNG: compression ${bytes[26]}, filter ${
        bytes[27]
      } and interlace ${bytes[28]} methods are not all PNG's`,
    );
  }
  return {
    format: "png",
    width,
    height,
    depth,
    colourType,
    interlaced: bytes[28] === 1,
  };
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

/**
 * Checks what a PNG's header asks of the decoder: no interlacing below 8
 * bits, and filtered scanlines within `MAX_PNG_DATA_BYTES` (lib/limits.ts).
 *
 * @returns The bytes of its filtered scanlines ({@linkcode rawPngSize}).
 * @throws {ClientError} 400 for interlacing below 8 bits, 413 over the limit.
 */
export function checkPngHeader(header: PngHeader): number {
  if (header.interlaced && header.depth < 8) {
    throw new ClientError(
      400,
      `Cannot decode PNG: interlaced images with ${header.depth}-bit samples are not supported; save it without interlacing`,
    );
  }
  const expected = rawPngSize(header);
  if (expected > MAX_PNG_DATA_BYTES) {
    throw new ClientError(
      413,
      `Cannot decode PNG: ${header.width}×${header.height} pixels of ${header.depth}-bit ${
        COLOUR_TYPES[header.colourType][0]
      } take ${expected} bytes, over the limit of ${MAX_PNG_DATA_BYTES}; save it smaller or with 8-bit samples`,
    );
  }
  return expected;
}

/** An image's size and about how many bytes decoding it takes at its peak. */
export interface DecodeCost extends ImageInfo {
  bytes: number;
}

/**
 * Pictures of more pixels than this (2 megapixels) are decoded smaller when
 * asked (`reduce`): a JPEG at 1/8 from its DC coefficients, a PNG that is
 * not interlaced in strips, to about a megapixel. The 28×28 input needs no
 * more, and a phone's photo (8–12 megapixels) takes a few MB instead of
 * hundreds (docs/BENCHMARKS.md, round 10).
 */
export const REDUCE_FROM_PIXELS = 2_000_000;

/** The factor a PNG of `pixels` is reduced by, each way: to about a megapixel. */
const pngFactor = (pixels: number) => Math.ceil(Math.sqrt(pixels / 1e6));

/** Whether {@linkcode decodeImage} with `reduce` decodes this picture smaller. */
function reduced(info: ImageInfo, bytes: Uint8Array): boolean {
  return info.width * info.height > REDUCE_FROM_PIXELS &&
    (info.format === "jpeg" || !readPngHeader(bytes).interlaced);
}

/**
 * About how many bytes decoding an image takes at its peak, from its header,
 * as the server decodes it (with `reduce`): the RGBA result, the decoder's
 * own buffers (a PNG's inflated rows; jpeg-js's per-block coefficients,
 * measured at 12–25 bytes a pixel) and the preprocessing's float intensity
 * map (8 bytes a pixel with its crop). A picture decoded smaller costs its
 * smaller size, its file, and a JPEG's DC coefficients or a PNG's inflated
 * scanlines. The server charges it to its memory budget before the decode
 * starts.
 *
 * @throws {ClientError} 400 as {@linkcode readImageInfo} does.
 */
export function decodeCost(bytes: Uint8Array): DecodeCost {
  const info = readImageInfo(bytes);
  const pixels = info.width * info.height;
  const preprocessing = 8;
  if (reduced(info, bytes)) {
    const scale = info.format === "jpeg" ? JPEG_SCALE : pngFactor(pixels);
    const small = Math.ceil(pixels / scale ** 2) * (4 + preprocessing);
    // a JPEG's DC coefficients, 4 bytes a block; a PNG's scanlines, inflated
    const decoder = info.format === "jpeg"
      ? pixels / 16
      : rawPngSize(readPngHeader(bytes));
    return { ...info, bytes: Math.ceil(small + decoder + bytes.length) };
  }
  if (info.format === "jpeg") {
    return { ...info, bytes: pixels * (16 + preprocessing) };
  }
  const { depth, colourType } = readPngHeader(bytes);
  const raw = (CHANNELS[colourType] * depth) / 8;
  return { ...info, bytes: Math.ceil(pixels * (4 + raw + preprocessing)) };
}

/** Options of {@linkcode decodeImage}. */
export interface DecodeOptions {
  /** The most pixels (width × height) to decode; `MAX_IMAGE_PIXELS` of lib/limits.ts by default. */
  maxPixels?: number;
  /** Decode a picture of more than {@linkcode REDUCE_FROM_PIXELS} smaller (the server does). */
  reduce?: boolean;
}

/**
 * Decodes a PNG or JPEG to 8-bit RGBA, upright (the EXIF orientation of a
 * JPEG's APP1 segment or a PNG's eXIf chunk applied).
 * PNG: grey, grey + alpha, RGB, RGBA and palette, at 1, 2, 4, 8 or 16 bits (16
 * scaled to 8), tRNS transparency applied, Adam7 interlacing at 8 or 16 bits.
 * JPEG: baseline and progressive, greyscale, YCbCr and Adobe CMYK.
 * With `reduce`, a picture of more than {@linkcode REDUCE_FROM_PIXELS} comes
 * out smaller, each pixel the mean of the box it stands for.
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
 * import { decodeImage } from "./image.ts";
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
  const info = checkImage(bytes, options);
  const pixels = info.width * info.height;
  if (options.reduce && reduced(info, bytes)) {
    return info.format === "png"
      ? decodePngReduced(bytes, pngFactor(pixels))
      : decodeJpegScaled(bytes);
  }
  return info.format === "png" ? decodePng(bytes) : decodeJpeg(bytes);
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
