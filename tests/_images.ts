/**
 * PNG files crafted chunk by chunk (with correct CRCs), zlib bombs built in
 * milliseconds, and EXIF orientation data: the hostile and unusual images
 * that the decoding tests and scripts/bench/image_attacks.ts send.
 *
 * @module
 */

import { constants, crc32, deflateRawSync, deflateSync } from "node:zlib";

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(
  type: string,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG file: the signature, then the chunks as given. */
export function pngFile(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return concat([
    Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]),
    ...chunks,
  ]);
}

/** The chunks of a PNG as [type, data] pairs, in order. */
export function pngChunks(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: [string, Uint8Array][] = [];
  for (let offset = 8; offset + 12 <= png.length;) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    chunks.push([type, png.subarray(offset + 8, offset + 8 + length)]);
    offset += 12 + length;
  }
  return chunks;
}

/**
 * A PNG rebuilt from another's chunks: `extra` chunks inserted before the
 * first chunk of type `before` (IDAT by default), and the image data cut into
 * IDAT chunks of `idatSize` bytes when given.
 */
export function rebuildPng(
  png: Uint8Array,
  options: { extra?: Uint8Array[]; before?: string; idatSize?: number } = {},
): Uint8Array<ArrayBuffer> {
  const { extra = [], before = "IDAT", idatSize } = options;
  const chunks = pngChunks(png);
  const data = concat(
    chunks.filter(([type]) => type === "IDAT").map(([, data]) => data),
  );
  const out: Uint8Array[] = [];
  let inserted = false;
  let written = false;
  for (const [type, body] of chunks) {
    if (type === before && !inserted) {
      out.push(...extra);
      inserted = true;
    }
    if (type !== "IDAT") out.push(pngChunk(type, body));
    else if (!written) { // the image data, at the first IDAT's place
      out.push(idatChunks(data, idatSize ?? data.length));
      written = true;
    }
  }
  return pngFile(out);
}

/** Image data cut into IDAT chunks of `size` bytes, written into one array. */
function idatChunks(data: Uint8Array, size: number): Uint8Array {
  const count = Math.ceil(data.length / size);
  const out = new Uint8Array(data.length + 12 * count);
  const view = new DataView(out.buffer);
  const type = new TextEncoder().encode("IDAT");
  let offset = 0;
  for (let at = 0; at < data.length; at += size) {
    const part = data.subarray(at, at + size);
    view.setUint32(offset, part.length);
    out.set(type, offset + 4);
    out.set(part, offset + 8);
    const end = offset + 8 + part.length;
    view.setUint32(end, crc32(out.subarray(offset + 4, end)));
    offset = end + 4;
  }
  return out;
}

/**
 * A zlib stream that inflates to `size` zero bytes, about 1 KiB compressed
 * for each MiB, built in milliseconds: one compressed MiB repeated (each copy
 * ends on a sync flush, so they join), the rest, a final empty block, and the
 * right Adler-32.
 */
export function zlibZeros(size: number): Uint8Array<ArrayBuffer> {
  const flush = { level: 9, finishFlush: constants.Z_SYNC_FLUSH };
  const mib = deflateRawSync(new Uint8Array(2 ** 20), flush);
  const copies = Math.floor(size / 2 ** 20);
  const rest = size % 2 ** 20
    ? deflateRawSync(new Uint8Array(size % 2 ** 20), flush)
    : new Uint8Array(0);
  const out = new Uint8Array(2 + mib.length * copies + rest.length + 2 + 4);
  out.set([0x78, 0xda]);
  for (let i = 0; i < copies; i++) out.set(mib, 2 + i * mib.length);
  const end = 2 + mib.length * copies + rest.length;
  out.set(rest, end - rest.length);
  out.set([0x03, 0x00], end); // a final, empty block of fixed codes
  // Adler-32 of zeros: a stays 1, b grows by 1 a byte
  new DataView(out.buffer).setUint32(end + 2, ((size % 65521) << 16) | 1);
  return out;
}

/** A zlib bomb: `mebibytes` MiB of zeros in about `mebibytes` KiB. */
export function zlibBomb(mebibytes: number): Uint8Array<ArrayBuffer> {
  return zlibZeros(mebibytes * 2 ** 20);
}

/** An IHDR chunk: size, bit depth, colour type (0 grey … 6 RGBA) and interlacing. */
export function ihdrChunk(
  width: number,
  height: number,
  depth: number,
  colourType: number,
  interlace = 0,
): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([depth, colourType, 0, 0, interlace], 8);
  return pngChunk("IHDR", data);
}

/**
 * An all-black PNG, not interlaced, whose image data is written as a stream of
 * zeros (no filter, every sample 0) in a few KB, however large the image: a
 * 16-bit grey 4000×4000 one (16 million pixels, 32 MB of image data) takes
 * decoders about a second.
 */
export function blackPng(
  width: number,
  height: number,
  depth = 16,
  colourType = 0,
): Uint8Array<ArrayBuffer> {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType]!;
  const size = height * (1 + Math.ceil((width * depth * channels) / 8));
  return pngFile([
    ihdrChunk(width, height, depth, colourType),
    pngChunk("IDAT", zlibZeros(size)),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

/** An iCCP chunk whose profile is `profile` (a zlib stream, maybe a bomb). */
export function iccpChunk(profile: Uint8Array): Uint8Array<ArrayBuffer> {
  return pngChunk(
    "iCCP",
    concat([new TextEncoder().encode("icc\0\0"), profile]),
  );
}

/**
 * EXIF data with only the orientation tag: a TIFF header (little- or
 * big-endian) and IFD0 of one entry, as a PNG eXIf chunk holds it.
 */
export function exifTiff(
  orientation: number,
  little: boolean,
): Uint8Array<ArrayBuffer> {
  const tiff = new DataView(new ArrayBuffer(26));
  tiff.setUint16(0, little ? 0x4949 : 0x4d4d); // "II" or "MM"
  tiff.setUint16(2, 42, little);
  tiff.setUint32(4, 8, little); // IFD0 right after the header
  tiff.setUint16(8, 1, little); // one entry
  tiff.setUint16(10, 0x0112, little); // Orientation
  tiff.setUint16(12, 3, little); // SHORT
  tiff.setUint32(14, 1, little);
  tiff.setUint16(18, orientation, little);
  return new Uint8Array(tiff.buffer);
}

/** A JPEG with an EXIF APP1 segment holding only the orientation tag. */
export function jpegWithOrientation(
  jpeg: Uint8Array,
  orientation: number,
  little: boolean,
): Uint8Array<ArrayBuffer> {
  const app1 = concat([
    new TextEncoder().encode("Exif\0\0"),
    exifTiff(orientation, little),
  ]);
  const length = app1.length + 2;
  return concat([
    Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 255]),
    app1,
    jpeg.subarray(2),
  ]);
}

/** Noise that deflate cannot shrink: `width`×`height` RGBA from a fixed seed. */
export function noise(
  width: number,
  height: number,
): { width: number; height: number; data: Uint8Array<ArrayBuffer> } {
  let state = 12345; // xorshift32
  const data = Uint8Array.from({ length: width * height * 4 }, () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 24;
  });
  return { width, height, data };
}

/** A zlib stream of raw bytes, for IDAT chunks written by hand. */
export function zlib(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(deflateSync(data));
}

/** The bytes of several arrays, one after another. */
export function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
