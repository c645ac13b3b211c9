/**
 * Hostile and heavy request bodies for the benchmarks and the soak: image
 * decompression bombs, a PNG of one-byte IDAT chunks, a 16-bit 4000×4000 PNG,
 * a progressive 4000×4000 JPEG, a gzip bomb body and a body that trickles in.
 * Each is a real file of its format, built with the format's own libraries
 * and the PNG chunk tools that the tests use (tests/_images.ts).
 *
 * @module
 */

import { gzipSync } from "node:zlib";
import { encode as encodePng } from "fast-png";
import { noise, rebuildPng } from "../../tests/_images.ts";

/** A digit on white paper, `size`×`size`: a vertical bar and a foot. */
function paper(size: number, x: number, y: number): boolean {
  const [u, v] = [x / size, y / size];
  return (u > 0.46 && u < 0.54 && v > 0.2 && v < 0.8) ||
    (u > 0.35 && u < 0.65 && v > 0.74 && v < 0.8);
}

export function heavyPng(size = 4000): Uint8Array<ArrayBuffer> {
  const data = new Uint16Array(size * size).fill(65535);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (paper(size, x, y)) data[y * size + x] = 0;
    }
  }
  return new Uint8Array(
    encodePng({ width: size, height: size, channels: 1, depth: 16, data }),
  );
}

/** A progressive JPEG of the same digit, written by cjpeg (libjpeg-turbo-progs), or undefined. */
export async function progressiveJpeg(
  size = 4000,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const header = new TextEncoder().encode(`P6\n${size} ${size}\n255\n`);
  const ppm = new Uint8Array(header.length + size * size * 3).fill(255);
  ppm.set(header);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (paper(size, x, y)) {
        ppm.fill(
          0,
          header.length + (y * size + x) * 3,
          header.length + (y * size + x) * 3 + 3,
        );
      }
    }
  }
  const file = await Deno.makeTempFile({ suffix: ".ppm" });
  try {
    await Deno.writeFile(file, ppm);
    const { success, stdout } = await new Deno.Command("cjpeg", {
      args: ["-progressive", "-quality", "90", file],
      stderr: "null",
    }).output();
    return success ? new Uint8Array(stdout) : undefined;
  } catch {
    return undefined; // no cjpeg
  } finally {
    await Deno.remove(file);
  }
}

/** A 280×280 drawing of the digit, the ordinary upload. */
export function drawing(): Uint8Array<ArrayBuffer> {
  const size = 280;
  const data = new Uint8Array(size * size * 4).fill(255);
  for (let i = 0; i < size * size; i++) {
    if (paper(size, i % size, Math.floor(i / size))) {
      data.fill(0, i * 4, i * 4 + 3);
    }
  }
  return new Uint8Array(encodePng({ width: size, height: size, data }));
}

/** A PNG of noise whose image data is about `bytes` long, cut into one-byte IDAT chunks. */
export function oneByteChunks(bytes: number): Uint8Array<ArrayBuffer> {
  const side = Math.round(Math.sqrt(bytes / 4));
  return rebuildPng(encodePng(noise(side, side)), { idatSize: 1 });
}

/** A gzip body that inflates to `mib` MiB of spaces. */
export function gzipBomb(mib = 64): Uint8Array<ArrayBuffer> {
  return new Uint8Array(gzipSync(new Uint8Array(mib * 1024 * 1024).fill(32)));
}

/** A body that sends `bytes` spaces one at a time, one every `everyMs`. */
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
