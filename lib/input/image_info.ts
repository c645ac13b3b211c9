/**
 * Reads an upload's format and size from its header alone (the PNG's IHDR, the
 * JPEG's SOFn segment), so that limits are checked before any pixel is decoded.
 *
 * @module
 */

import { ClientError } from "../errors.ts";

/** What the header of an image says, read without decoding it. */
export interface ImageInfo {
  format: "png" | "jpeg";
  /** Width in pixels as stored (before any EXIF rotation). */
  width: number;
  /** Height in pixels as stored (before any EXIF rotation). */
  height: number;
}

/** Samples a pixel by PNG colour type: grey, RGB, palette, grey + alpha, RGBA. */
export const CHANNELS: Record<number, number> = {
  0: 1,
  2: 3,
  3: 1,
  4: 2,
  6: 4,
};

/** The bit depths PNG allows for each colour type. */
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

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
  if (!DEPTHS[colourType]?.includes(depth)) {
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

/** An image's size and about how many bytes decoding it takes at its peak. */
export interface DecodeCost extends ImageInfo {
  bytes: number;
}

/**
 * About how many bytes decoding an image takes at its peak, from its header:
 * the RGBA result, the decoder's own buffers (a PNG's inflated rows;
 * jpeg-js's per-block coefficients, measured at 12–25 bytes a pixel) and the
 * preprocessing's float intensity map (8 bytes a pixel with its crop). The
 * server charges it to its memory budget before the decode starts.
 *
 * @throws {ClientError} 400 as {@linkcode readImageInfo} does.
 */
export function decodeCost(bytes: Uint8Array): DecodeCost {
  const info = readImageInfo(bytes);
  const pixels = info.width * info.height;
  const preprocessing = 8;
  if (info.format === "jpeg") {
    return { ...info, bytes: pixels * (16 + preprocessing) };
  }
  const { depth, colourType } = readPngHeader(bytes);
  const raw = (CHANNELS[colourType] * depth) / 8;
  return { ...info, bytes: Math.ceil(pixels * (4 + raw + preprocessing)) };
}
