/**
 * Walks a PNG's chunks once and keeps only what the pixels need: the palette,
 * the transparency, the image data (its IDAT chunks joined) and the EXIF
 * orientation. Compressed ancillary chunks (iCCP, zTXt, iTXt) are skipped
 * unread, so no profile or text can inflate to gigabytes, and the work is
 * linear in the file's size however many chunks it is cut into.
 *
 * @module
 */

import { crc32 } from "node:zlib";
import { ClientError } from "../errors.ts";
import { MAX_PNG_CHUNKS } from "../limits.ts";
import { type PngHeader, readPngHeader } from "./image_info.ts";

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
