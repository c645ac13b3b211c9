/**
 * PNG to 8-bit RGBA with fast-png, fed only what the pixels need: the chunks
 * walked once, keeping the palette, transparency, image data and EXIF
 * orientation (compressed ancillary chunks are skipped unread, so no profile
 * or text inflates to gigabytes); the image data inflated once, capped at the
 * size the header implies; then a rebuilt IHDR, PLTE, tRNS, IDAT, IEND file.
 *
 * @module
 */

import { crc32, inflateSync } from "node:zlib";
import { ClientError } from "../errors.ts";
import { MAX_PNG_CHUNKS } from "../limits.ts";
import {
  CHANNELS,
  checkPngHeader,
  PNG_SIGNATURE,
  type PngHeader,
  readPngHeader,
} from "./image.ts";
import { decode, type DecodedPng } from "fast-png";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import type { RgbaImage } from "./preprocess.ts";

/** The chunks of a PNG that its pixels need, checked and gathered. */
export interface PngChunks {
  /** The IHDR header. */
  header: PngHeader;
  /** The raw IHDR chunk data (13 bytes). */
  ihdr: Uint8Array;
  /** The PLTE chunk data: red, green, blue of each colour. */
  palette?: Uint8Array;
  /** The tRNS chunk data. */
  transparency?: Uint8Array;
  /** The zlib stream of the image: every IDAT chunk's data, in order, joined. */
  data: Uint8Array;
  /** The eXIf chunk data (a TIFF header and IFDs), when it comes before IDAT. */
  exif?: Uint8Array;
}

/** Chunk types as big-endian 32-bit numbers, compared without making strings. */
const IHDR = 0x49484452;
const PLTE = 0x504c5445;
const IDAT = 0x49444154;
const IEND = 0x49454e44;
const TRNS = 0x74524e53;
const EXIF = 0x65584966;

/**
 * Reads the chunks of a PNG that its pixels need, checking each one's CRC,
 * and joins the IDAT chunks' data into one zlib stream, in time linear in the
 * size of the file. Every other chunk is skipped unread (an unknown critical
 * chunk is refused, as the PNG specification asks).
 *
 * @throws {ClientError} 400 when the file is not a whole PNG: a chunk cut short
 * or with a wrong CRC, no IEND, no image data, no palette for a palette image,
 * or an unknown critical chunk.
 * @throws {ClientError} 413 when the file has more than `MAX_PNG_CHUNKS` (lib/limits.ts) chunks.
 */
export function readPngChunks(bytes: Uint8Array): PngChunks {
  const header = readPngHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Uint8Array(bytes.length); // the IDAT data cannot be longer
  let dataLength = 0;
  let ihdr: Uint8Array | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  let exif: Uint8Array | undefined;
  let chunks = 0;
  let offset = 8;
  while (true) {
    const { type, body, end } = chunkAt(bytes, view, offset, ++chunks);
    const needed = type === IHDR || type === PLTE || type === IDAT ||
      type === IEND || type === TRNS || (type === EXIF && dataLength === 0);
    if (needed) checkCrc(bytes, view, offset, end);
    if (type === IEND) break;
    if (type === IDAT) {
      data.set(body, dataLength);
      dataLength += body.length;
    } else if (type === IHDR) ihdr ??= body;
    else if (type === PLTE) palette ??= body;
    else if (type === TRNS) transparency ??= body;
    else if (type === EXIF && dataLength === 0) exif ??= body;
    else if (!(bytes[offset + 4] & 0x20)) { // bit 5 of the first letter: ancillary
      throw new ClientError(
        400,
        `Cannot decode PNG: unknown critical chunk ${name(bytes, offset)}`,
      );
    }
    offset = end;
  }
  if (dataLength === 0) {
    throw new ClientError(
      400,
      "Cannot decode PNG: the file has no image data (IDAT)",
    );
  }
  if (header.colourType === 3 && !palette) {
    throw new ClientError(
      400,
      "Cannot decode PNG: the palette (PLTE) is missing",
    );
  }
  return {
    header,
    ihdr: ihdr!,
    palette,
    transparency,
    data: data.subarray(0, dataLength),
    exif,
  };
}

/**
 * The `ordinal`th chunk, at `offset`: its type, its data and where it ends.
 *
 * @throws {ClientError} 400 when the file ends before the chunk does; 413
 * when the chunk is one too many (`MAX_PNG_CHUNKS`).
 */
function chunkAt(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  ordinal: number,
): { type: number; body: Uint8Array; end: number } {
  if (offset + 12 > bytes.length) {
    throw new ClientError(
      400,
      "Cannot decode PNG: the file ends before its IEND chunk; it is truncated",
    );
  }
  if (ordinal > MAX_PNG_CHUNKS) {
    throw new ClientError(
      413,
      `Cannot decode PNG: it is cut into more than ${MAX_PNG_CHUNKS} chunks; save it again with an ordinary encoder`,
    );
  }
  const length = view.getUint32(offset);
  const end = offset + 12 + length;
  if (length > 2 ** 31 - 1 || end > bytes.length) {
    throw new ClientError(
      400,
      `Cannot decode PNG: chunk ${
        name(bytes, offset)
      } at byte ${offset} runs past the end of the file; it is truncated`,
    );
  }
  const type = view.getUint32(offset + 4);
  return { type, body: bytes.subarray(offset + 8, end - 4), end };
}

/**
 * Checks the CRC of the chunk from `offset` to `end`.
 *
 * @throws {ClientError} 400 when it is wrong.
 */
function checkCrc(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  end: number,
): void {
  if (crc32(bytes.subarray(offset + 4, end - 4)) !== view.getUint32(end - 4)) {
    throw new ClientError(
      400,
      `Cannot decode PNG: chunk ${
        name(bytes, offset)
      } at byte ${offset} is corrupt (wrong CRC)`,
    );
  }
}

/** A chunk's four-letter type, for messages. */
function name(bytes: Uint8Array, offset: number): string {
  return JSON.stringify(
    String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)),
  );
}

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
 * declares (a zip bomb), the header asks too much (`checkPngHeader`), or it
 * has too many chunks.
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const header = readPngHeader(bytes);
  const expected = checkPngHeader(header);
  const chunks = readPngChunks(bytes);
  inflateImageData(chunks.data, header, expected);
  let png: DecodedPng;
  try {
    png = decode(rebuild(chunks));
  } catch (error) {
    throw new ClientError(400, `Cannot decode PNG: ${reason(error)}`);
  }
  const image = pngToRgba(png, header);
  return chunks.exif ? orient(image, exifOrientation(chunks.exif)) : image;
}

/**
 * The filtered scanlines, inflated once and stopped at the `expected` bytes
 * the header implies: a zip bomb is refused before fast-png holds it (413;
 * 400 for data short of it or corrupt).
 */
export function inflateImageData(
  data: Uint8Array,
  { width, height }: PngHeader,
  expected: number,
): Uint8Array {
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
  return inflated;
}

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
    PNG_SIGNATURE.length,
  );
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE);
  let offset = PNG_SIGNATURE.length;
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
