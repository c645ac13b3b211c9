/**
 * Hostile request bodies for the soak and the benchmarks: decompression bombs
 * (a PNG's iCCP profile, a gzip body), a PNG of one-byte IDAT chunks, a
 * 16-bit 4000×4000 PNG, a large JPEG, and bodies that trickle in. Each is a
 * real file of its format, made here with the format's own libraries.
 *
 * @module
 */

import { deflateSync, gzipSync } from "node:zlib";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC. */
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

/** A PNG's chunks after its signature, as [type, data]. */
export function pngChunks(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: [string, Uint8Array][] = [];
  for (let offset = 8; offset < png.length;) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    chunks.push([type, png.subarray(offset + 8, offset + 8 + length)]);
    offset += 12 + length;
  }
  return chunks;
}

/** A PNG built from chunks. */
export function pngOf(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  const total = chunks.reduce((sum, c) => sum + c.length, 8);
  const out = new Uint8Array(total);
  out.set(signature);
  let offset = 8;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** A small valid digit-like PNG (a white bar on black), 28×28 greyscale. */
export function smallPng(): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(28 * 28);
  for (let y = 4; y < 24; y++) data[y * 28 + 14] = 255;
  return new Uint8Array(
    encodePng({ width: 28, height: 28, data, channels: 1, depth: 8 }),
  );
}

/**
 * A small PNG with an iCCP profile that inflates to `mib` MiB: the pixels are
 * fine, the colour profile is a zip bomb.
 */
export function iccpBombPng(mib = 256): Uint8Array<ArrayBuffer> {
  const profile = deflateSync(new Uint8Array(mib * 1024 * 1024), { level: 9 });
  // profile name, its terminator, compression method 0, the zlib stream
  const data = new Uint8Array(6 + profile.length);
  data.set(new TextEncoder().encode("bomb"));
  data.set(profile, 6);
  const [ihdr, ...rest] = pngChunks(smallPng());
  return pngOf([
    pngChunk(...ihdr),
    pngChunk("iCCP", data),
    ...rest.map(([type, body]) => pngChunk(type, body)),
  ]);
}

/** A PNG whose pixel data is split into one-byte IDAT chunks (`bytes` of them, about 13 B each on the wire). */
export function manyChunksPng(bytes = 600_000): Uint8Array<ArrayBuffer> {
  // noise compresses badly, so the IDAT stream is about as long as asked
  const side = Math.ceil(Math.sqrt(bytes));
  const data = new Uint8Array(side * side);
  let seed = 1;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = seed >>> 24;
  }
  const png = encodePng({ width: side, height: side, data, channels: 1 });
  const chunks = pngChunks(png);
  const idat = chunks.filter(([type]) => type === "IDAT").map(([, d]) => d);
  const stream = new Uint8Array(idat.reduce((s, d) => s + d.length, 0));
  let offset = 0;
  for (const part of idat) {
    stream.set(part, offset);
    offset += part.length;
  }
  const ones = Array.from(
    stream,
    (byte) => pngChunk("IDAT", Uint8Array.of(byte)),
  );
  return pngOf([
    pngChunk(...chunks[0]),
    ...ones,
    pngChunk("IEND", new Uint8Array()),
  ]);
}

/** A 16-bit greyscale PNG of `side`×`side` (small on the wire, large decoded). */
export function deepPng(side = 4000): Uint8Array<ArrayBuffer> {
  const data = new Uint16Array(side * side);
  for (let y = side / 4; y < (3 * side) / 4; y++) {
    data[y * side + side / 2] = 65535;
  }
  return new Uint8Array(
    encodePng({ width: side, height: side, data, channels: 1, depth: 16 }),
  );
}

/** A baseline JPEG of `side`×`side`: a dark stroke on paper. */
export function largeJpeg(side = 2000): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(side * side * 4).fill(255);
  for (let y = side / 5; y < (4 * side) / 5; y++) {
    for (let x = side / 2 - 20; x < side / 2 + 20; x++) {
      data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return new Uint8Array(
    encodeJpeg({ width: side, height: side, data }, 80).data,
  );
}

/** A gzip body that inflates to `mib` MiB of spaces. */
export function gzipBomb(mib = 64): Uint8Array<ArrayBuffer> {
  return new Uint8Array(gzipSync(new Uint8Array(mib * 1024 * 1024).fill(32)));
}

/** A body that sends `bytes` one at a time, one every `everyMs`. */
export function tricklingBody(
  bytes: number,
  everyMs: number,
): ReadableStream<Uint8Array> {
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream({
    pull(controller) {
      return new Promise((resolve) => {
        timer = setTimeout(() => {
          if (sent++ < bytes) controller.enqueue(Uint8Array.of(32));
          else controller.close();
          resolve();
        }, everyMs);
      });
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}
