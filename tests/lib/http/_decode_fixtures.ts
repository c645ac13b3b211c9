/**
 * The pictures and pools of tests/lib/http/decode_test.ts.
 *
 * @module
 */

import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { DecodePool } from "../../../lib/http/decode.ts";
import { startWorker } from "../../../lib/worker/mod.ts";
import { decodeImage, toMnistInput } from "../../../lib/input/mod.ts";
import { ClientError } from "../../../lib/errors.ts";
import {
  blackPng,
  exifTiff,
  ihdrChunk,
  jpegWithOrientation,
  pngChunk,
  pngFile,
  rebuildPng,
  zlibBomb,
} from "../../_images.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, FIXTURES));
}

export function ramp(length: number, step = 37): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * step) % 256);
}

export const rgba = encodePng({ width: 9, height: 7, data: ramp(9 * 7 * 4) });
export const jpeg = new Uint8Array(
  encodeJpeg({ width: 24, height: 16, data: ramp(24 * 16 * 4, 11) }, 90).data,
);
/** 16-bit grey, 4000×4000: about half a second of decoding, in 32 KB. */
export const heavy = blackPng(4000, 4000);

/** A dark bar on white paper, 60×90. */
export const barRgba = (() => {
  const data = new Uint8Array(60 * 90 * 4).fill(255);
  for (let y = 20; y < 70; y++) {
    for (let x = 25; x < 33; x++) {
      data.fill(40, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
    }
  }
  return data;
})();
export const bar = encodePng({ width: 60, height: 90, data: barRgba });

export const DECODE_WORKER = new URL(
  "../../../lib/http/_decode_worker.ts",
  import.meta.url,
);

/** The decoding worker, started as the pool starts it. */
export function startDecodeWorker(): Worker {
  return startWorker(DECODE_WORKER);
}

/**
 * What the pool should answer for `bytes`: toMnistInput(decodeImage()) on
 * this thread, or the ClientError it throws.
 */
export function expectedInput(bytes: Uint8Array): Float32Array | ClientError {
  try {
    return toMnistInput(decodeImage(bytes));
  } catch (error) {
    if (error instanceof ClientError) return error;
    throw error;
  }
}

/** A pool whose workers are watched: which were started, which terminated. */
export function watchedPool(
  options: ConstructorParameters<typeof DecodePool>[0] = {},
  start: () => Worker = startDecodeWorker,
) {
  const started: Worker[] = [];
  const terminated: Worker[] = [];
  const pool = new DecodePool({
    ...options,
    spawn: () => {
      const worker = start();
      const terminate = worker.terminate.bind(worker);
      worker.terminate = () => {
        terminated.push(worker);
        terminate();
      };
      started.push(worker);
      return worker;
    },
  });
  return { pool, started, terminated };
}

/** A picture of each kind the decoders read, by name. */
export function pictureKinds(): [string, Uint8Array][] {
  return [
    ["RGBA PNG", rgba],
    [
      "16-bit grey PNG, Adam7",
      encodePng({
        width: 5,
        height: 3,
        channels: 1,
        depth: 16,
        data: Uint16Array.from({ length: 15 }, (_, i) => i * 4000),
      }, { interlace: "Adam7" }),
    ],
    [
      "palette PNG with transparency",
      encodePng({
        width: 4,
        height: 2,
        channels: 1,
        palette: [[10, 20, 30, 0], [40, 50, 60, 128], [255, 0, 0, 255]],
        data: Uint8Array.from([0, 1, 2, 0, 1, 2, 0, 1]),
      }),
    ],
    [
      "PNG turned by eXIf",
      rebuildPng(rgba, { extra: [pngChunk("eXIf", exifTiff(8, false))] }),
    ],
    ["baseline JPEG", jpeg],
    ["JPEG turned by EXIF", jpegWithOrientation(jpeg, 6, true)],
    ["progressive JPEG", fixture("progressive.jpg")],
    ["CMYK JPEG", fixture("cmyk.jpg")],
    ["16-bit grey PNG, 400×300", blackPng(400, 300)],
  ];
}

/** Pictures the decoders refuse, by name, with the status of the refusal. */
export function badPictures(): [string, Uint8Array, number][] {
  const flipped = rgba.slice();
  flipped[rgba.length - 20] ^= 0xff;
  const liar = rgba.slice();
  new DataView(liar.buffer).setUint32(16, 100_000); // 100000×7, the CRC stale
  return [
    ["empty", new Uint8Array(0), 400],
    ["a GIF", new TextEncoder().encode("GIF89a\x01\0\x01\0"), 400],
    ["a PNG cut in half", rgba.subarray(0, rgba.length >> 1), 400],
    ["a PNG with a flipped byte", flipped, 400],
    ["a PNG over the pixel limit", blackPng(5000, 4000), 413],
    ["a PNG whose header lies about its size", liar, 400],
    [
      "a PNG whose data is a zip bomb",
      pngFile([
        ihdrChunk(100, 100, 8, 0),
        pngChunk("IDAT", zlibBomb(64)),
        pngChunk("IEND", new Uint8Array(0)),
      ]),
      413,
    ],
    ["16-bit RGBA, 4000×4000", blackPng(4000, 4000, 16, 6), 413],
    ["a JPEG cut in half", jpeg.subarray(0, jpeg.length >> 1), 400],
  ];
}
