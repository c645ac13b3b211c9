/**
 * The pictures of tests/lib/input/image_test.ts: every PNG variant,
 * JPEG blocks, and files cut, corrupted or lying about their size.
 *
 * @module
 */

import { encode as encodePng, type ImageData } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { crc32 } from "node:zlib";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

export function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, FIXTURES));
}

/** Values 0, 37, 74, … wrapping at 256: every channel different from its neighbours. */
export function ramp(length: number, step = 37, modulo = 256): number[] {
  return Array.from({ length }, (_, i) => (i * step) % modulo);
}

/** Packs samples of `depth` bits into rows of whole bytes, as PNG stores them. */
export function pack(
  samples: number[],
  width: number,
  depth: number,
): Uint8Array {
  const perLine = Math.ceil((width * depth) / 8);
  const rows = samples.length / width;
  const out = new Uint8Array(perLine * rows);
  samples.forEach((value, i) => {
    const [y, x] = [Math.floor(i / width), i % width];
    out[y * perLine + ((x * depth) >> 3)] |= value <<
      (8 - depth - ((x * depth) & 7));
  });
  return out;
}

/** RGBA from a function of the pixel index. */
export function rgba(count: number, pixel: (i: number) => number[]): number[] {
  return Array.from({ length: count }, (_, i) => pixel(i)).flat();
}

const [W, H] = [5, 3]; // an odd width, so packed rows end in padding bits
const N = W * H;
const grey = ramp(N);
const grey16 = ramp(N, 41).map((k) => k * 257 + 100); // rounds back to k
const bits = (depth: number) => ramp(N, 3, 2 ** depth);
const palette = [[10, 20, 30, 0], [40, 50, 60, 128], [255, 0, 0, 255], [
  0,
  0,
  255,
  255,
]];

/** Every PNG variant fast-png writes, with the RGBA it decodes to. */
export const PNG_VARIANTS: [
  string,
  ImageData,
  { interlace?: "Adam7" },
  number[],
][] = [
  [
    "RGBA, 8 bits",
    { width: W, height: H, data: Uint8Array.from(ramp(N * 4)) },
    {},
    ramp(N * 4),
  ],
  [
    "RGB, 8 bits",
    { width: W, height: H, channels: 3, data: Uint8Array.from(ramp(N * 3)) },
    {},
    rgba(N, (i) => [...ramp(N * 3).slice(i * 3, i * 3 + 3), 255]),
  ],
  [
    "grey, 8 bits",
    { width: W, height: H, channels: 1, data: Uint8Array.from(grey) },
    {},
    rgba(N, (i) => [grey[i], grey[i], grey[i], 255]),
  ],
  [
    "grey + alpha, 8 bits",
    { width: W, height: H, channels: 2, data: Uint8Array.from(ramp(N * 2)) },
    {},
    rgba(N, (i) => {
      const [g, a] = ramp(N * 2).slice(i * 2, i * 2 + 2);
      return [g, g, g, a];
    }),
  ],
  [
    "grey, 16 bits (scaled to 8)",
    {
      width: W,
      height: H,
      channels: 1,
      depth: 16,
      data: Uint16Array.from(grey16),
    },
    {},
    rgba(N, (i) => {
      const g = Math.round(grey16[i] / 257);
      return [g, g, g, 255];
    }),
  ],
  [
    "RGBA, 16 bits (scaled to 8)",
    {
      width: W,
      height: H,
      depth: 16,
      data: Uint16Array.from({ length: N * 4 }, (_, i) => grey16[i % N]),
    },
    {},
    Array.from({ length: N * 4 }, (_, i) => Math.round(grey16[i % N] / 257)),
  ],
  ...[1, 2, 4].map((depth): [string, ImageData, object, number[]] => [
    `grey, ${depth} bits`,
    {
      width: W,
      height: H,
      channels: 1,
      depth: depth as 1 | 2 | 4,
      data: pack(bits(depth), W, depth),
    },
    {},
    rgba(N, (i) => {
      const g = (bits(depth)[i] * 255) / (2 ** depth - 1);
      return [g, g, g, 255];
    }),
  ]),
  [
    "palette with tRNS transparency, 8 bits",
    {
      width: W,
      height: H,
      channels: 1,
      palette,
      data: Uint8Array.from(ramp(N, 1, 4)),
    },
    {},
    rgba(N, (i) => palette[i % 4]),
  ],
  ...[1, 2].map((depth): [string, ImageData, object, number[]] => [
    `palette, ${depth} bits`,
    {
      width: W,
      height: H,
      channels: 1,
      depth: depth as 1 | 2,
      palette: palette.map((colour) => colour.slice(0, 3)),
      data: pack(bits(depth), W, depth),
    },
    {},
    rgba(N, (i) => [...palette[bits(depth)[i]].slice(0, 3), 255]),
  ]),
  [
    "RGBA interlaced (Adam7), 8 bits",
    { width: 9, height: 10, data: Uint8Array.from(ramp(360)) },
    { interlace: "Adam7" },
    ramp(360),
  ],
  [
    "grey interlaced (Adam7), 16 bits",
    {
      width: W,
      height: H,
      channels: 1,
      depth: 16,
      data: Uint16Array.from(grey16),
    },
    { interlace: "Adam7" },
    rgba(N, (i) => {
      const g = Math.round(grey16[i] / 257);
      return [g, g, g, 255];
    }),
  ],
];

/** 24×16 in 8×8 blocks: black at the top left, red beside it, grey at the bottom right, else white. */
export function blocks(): RgbaImage {
  return {
    width: 24,
    height: 16,
    data: Uint8Array.from(rgba(24 * 16, (i) => {
      const block = `${Math.floor((i % 24) / 8)},${Math.floor(i / 24 / 8)}`;
      return {
        "0,0": [0, 0, 0, 255],
        "1,0": [255, 0, 0, 255],
        "2,1": [128, 128, 128, 255],
      }[block] ??
        [255, 255, 255, 255];
    })),
  };
}

/** A copy of a PNG whose IHDR declares another size (its CRC made right). */
export function withPngSize(
  png: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  const copy = png.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(copy.subarray(12, 29)));
  return copy;
}

/** A copy of a JPEG whose first SOF segment declares another size. */
export function withJpegSize(
  jpeg: Uint8Array,
  width: number,
  height: number,
): Uint8Array {
  const copy = jpeg.slice();
  const sof = copy.findIndex((byte, i) =>
    byte === 0xff && copy[i + 1] === 0xc0
  );
  new DataView(copy.buffer).setUint16(sof + 5, height);
  new DataView(copy.buffer).setUint16(sof + 7, width);
  return copy;
}

const png = encodePng({
  width: 30,
  height: 20,
  data: Uint8Array.from(ramp(2400)),
});
const jpeg = new Uint8Array(encodeJpeg(blocks(), 90).data);
const flipped = png.slice();
flipped[png.length - 30] ^= 0xff; // inside IDAT
// a 2000×2000 black PNG (4 MB inflated, a few KB stored) that claims to be 100×100
const bomb = withPngSize(
  encodePng({
    width: 2000,
    height: 2000,
    channels: 1,
    data: new Uint8Array(4e6),
  }),
  100,
  100,
);

/** Files that are not a whole PNG or JPEG, with the status and message of their refusal. */
export const REFUSED_IMAGES: [string, Uint8Array, number, string][] = [
  [
    "empty",
    new Uint8Array(0),
    400,
    "a PNG or JPEG file expected, got an empty file",
  ],
  [
    "text",
    new TextEncoder().encode("hello, world"),
    400,
    "got unknown bytes",
  ],
  [
    "a GIF",
    new TextEncoder().encode("GIF89a\x01\0\x01\0"),
    400,
    "got a GIF",
  ],
  [
    "a PNG cut inside its header",
    png.subarray(0, 20),
    400,
    "Cannot decode PNG: the file is truncated",
  ],
  [
    "a PNG cut in half",
    png.subarray(0, png.length >> 1),
    400,
    "Cannot decode PNG",
  ],
  [
    "a PNG without its end",
    png.subarray(0, png.length - 12),
    400,
    "the file ends before its IEND chunk",
  ],
  ["a PNG with a flipped byte", flipped, 400, "is corrupt (wrong CRC)"],
  [
    "a PNG of 0×20 pixels",
    withPngSize(png, 0, 20),
    400,
    "declares 0×20 pixels",
  ],
  [
    "a PNG that inflates past its size",
    bomb,
    413,
    "inflates to more than the 10100 bytes",
  ],
  [
    "an interlaced 1-bit PNG",
    fixture("interlaced_1bit.png"),
    400,
    "interlaced images with 1-bit samples",
  ],
  [
    "a JPEG cut before its frame header",
    jpeg.subarray(0, 100),
    400,
    "before a frame header",
  ],
  [
    "a JPEG cut in half",
    jpeg.subarray(0, jpeg.length >> 1),
    400,
    "Cannot decode JPEG",
  ],
  [
    "a JPEG of 24×0 pixels",
    withJpegSize(jpeg, 24, 0),
    400,
    "declares 24×0 pixels",
  ],
];
