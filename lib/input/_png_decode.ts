/**
 * PNG to 8-bit RGBA with fast-png, fed only what the pixels need: the chunks
 * are read and checked first (lib/input/_png_chunks.ts), the image data is
 * inflated once with a cap at the size the header implies, and fast-png then
 * decodes a rebuilt file of IHDR, PLTE, tRNS, one IDAT and IEND.
 *
 * @module
 */

import { decode, type DecodedPng } from "fast-png";
import { crc32, inflateSync } from "node:zlib";
import { ClientError } from "../errors.ts";
import { MAX_PNG_DATA_BYTES } from "../limits.ts";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import { CHANNELS, type PngHeader, readPngHeader } from "./image_info.ts";
import { type PngChunks, readPngChunks } from "./_png_chunks.ts";
import type { RgbaImage } from "./preprocess.ts";

/**
 * Decodes a PNG to 8-bit RGBA, upright (its eXIf orientation applied): grey,
 * grey + alpha, RGB, RGBA and palette, at 1, 2, 4, 8 or 16 bits (16 scaled to
 * 8), tRNS transparency applied, Adam7 interlacing at 8 or 16 bits. Ancillary
 * chunks other than tRNS and eXIf are ignored, as is everything after IEND.
 *
 * The pixel limit is the caller's to check first (see `decodeImage`).
 *
 * @throws {ClientError} 400 when the file is truncated or corrupt, or of a kind
 * not supported (interlaced below 8 bits).
 * @throws {ClientError} 413 when its data inflates past the size its header
 * declares (a zip bomb), that size is over `MAX_PNG_DATA_BYTES` (lib/limits.ts), or it
 * has too many chunks.
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const header = readPngHeader(bytes);
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
        COLOURS[header.colourType]
      } take ${expected} bytes, over the limit of ${MAX_PNG_DATA_BYTES}; save it smaller or with 8-bit samples`,
    );
  }
  const chunks = readPngChunks(bytes);
  checkInflatedSize(chunks.data, header, expected);
  let png: DecodedPng;
  try {
    png = decode(rebuild(chunks));
  } catch (error) {
    throw new ClientError(400, `Cannot decode PNG: ${reason(error)}`);
  }
  return orient(pngToRgba(png, header), exifOrientation(chunks.exif));
}

/**
 * Inflates the image data once, stopping at the size the header implies, so a
 * small file that inflates to gigabytes (a zip bomb) is refused before fast-png
 * keeps all of it in memory.
 */
function checkInflatedSize(
  data: Uint8Array,
  header: PngHeader,
  expected: number,
): void {
  const { width, height } = header;
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(data, { maxOutputLength: expected });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ClientError(
        413,
        `Cannot decode PNG: its data inflates to more than the ${expected} bytes of ${width}×${height} pixels`,
      );
    }
    throw new ClientError(
      400,
      `Cannot decode PNG: the compressed data is corrupt or truncated (${
        reason(error)
      })`,
    );
  }
  if (inflated.length < expected) {
    throw new ClientError(
      400,
      `Cannot decode PNG: the image data is truncated (${inflated.length} of ${expected} bytes)`,
    );
  }
}

const COLOURS: Record<number, string> = {
  0: "grey",
  2: "RGB",
  3: "palette",
  4: "grey + alpha",
  6: "RGBA",
};

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

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** A PNG of only the chunks fast-png needs, the image data in one IDAT. */
function rebuild(chunks: PngChunks): Uint8Array {
  const parts: [string, Uint8Array | undefined][] = [
    ["IHDR", chunks.ihdr],
    ["PLTE", chunks.palette],
    ["tRNS", chunks.transparency],
    ["IDAT", chunks.data],
    ["IEND", new Uint8Array(0)],
  ];
  const size = parts.reduce(
    (sum, [, body]) => sum + (body ? body.length + 12 : 0),
    SIGNATURE.length,
  );
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(SIGNATURE);
  let offset = SIGNATURE.length;
  for (const [type, body] of parts) {
    if (!body) continue;
    view.setUint32(offset, body.length);
    for (let i = 0; i < 4; i++) out[offset + 4 + i] = type.charCodeAt(i);
    out.set(body, offset + 8);
    const end = offset + 8 + body.length;
    view.setUint32(end, crc32(out.subarray(offset + 4, end)));
    offset = end + 4;
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
    throw new ClientError(
      400,
      "Cannot decode PNG: the image data is incomplete",
    );
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
    const palette = png.palette!; // readPngChunks refuses a palette image without PLTE
    for (let i = 0; i < size; i++) {
      const colour = palette[sample(i)];
      if (!colour) {
        throw new ClientError(
          400,
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

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
