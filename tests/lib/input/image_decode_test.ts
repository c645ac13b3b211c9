/**
 * Tests of `lib/input/image_decode.ts`.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertThrows,
} from "@std/assert";
import { encode as encodePng, type ImageData } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { crc32 } from "node:zlib";
import {
  decodeImage,
  type DecodeOptions,
  MAX_IMAGE_PIXELS,
  readImageInfo,
} from "../../../lib/input/image_decode.ts";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";
import { assertClientError } from "../../_errors.ts";
import { jpegWithOrientation } from "../../_images.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, FIXTURES));
}

/** Values 0, 37, 74, … wrapping at 256: every channel different from its neighbours. */
function ramp(length: number, step = 37, modulo = 256): number[] {
  return Array.from({ length }, (_, i) => (i * step) % modulo);
}

/** Packs samples of `depth` bits into rows of whole bytes, as PNG stores them. */
function pack(samples: number[], width: number, depth: number): Uint8Array {
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
function rgba(count: number, pixel: (i: number) => number[]): number[] {
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

Deno.test("decodeImage() turns every PNG variant fast-png writes into 8-bit RGBA", () => {
  const cases: [string, ImageData, { interlace?: "Adam7" }, number[]][] = [
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
  for (const [name, image, options, expected] of cases) {
    const bytes = encodePng(image, options);
    assertEquals(readImageInfo(bytes), {
      format: "png",
      width: image.width,
      height: image.height,
    }, name);
    const decoded = decodeImage(bytes);
    assertEquals(
      [decoded.width, decoded.height],
      [image.width, image.height],
      name,
    );
    assert(decoded.data instanceof Uint8Array, name);
    assertEquals([...decoded.data], expected, name);
  }
});

Deno.test("decodeImage() applies the single transparent colour of a grey or RGB PNG (tRNS)", () => {
  // ImageMagick fixtures, 20×12: a 10×6 block at the top left, white made transparent
  const cases: [string, number[]][] = [
    ["grey_trns.png", [0, 0, 0, 255]],
    ["rgb_trns.png", [255, 0, 0, 255]],
  ];
  for (const [name, block] of cases) {
    const image = decodeImage(fixture(name));
    assertEquals([image.width, image.height], [20, 12], name);
    assertEquals(pixel(image, 3, 3), block, name);
    assertEquals(pixel(image, 15, 8), [255, 255, 255, 0], name);
  }
});

/** The RGBA of pixel (x, y). */
function pixel(image: RgbaImage, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return [...image.data.subarray(at, at + 4)];
}

/** 24×16 in 8×8 blocks: black at the top left, red beside it, grey at the bottom right, else white. */
function blocks(): RgbaImage {
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

function assertNear(
  actual: number[],
  expected: number[],
  tolerance: number,
  message: string,
) {
  assertEquals(actual.length, expected.length, message);
  actual.forEach((value, i) =>
    assertAlmostEquals(value, expected[i], tolerance, message)
  );
}

Deno.test("decodeImage() decodes baseline, progressive, greyscale and CMYK JPEGs", () => {
  const baseline = new Uint8Array(encodeJpeg(blocks(), 100).data);
  const cases: [string, Uint8Array, number[]][] = [
    ["baseline (jpeg-js)", baseline, [255, 0, 0]],
    ["progressive.jpg", fixture("progressive.jpg"), [255, 0, 0]],
    ["cmyk.jpg", fixture("cmyk.jpg"), [255, 0, 0]],
    ["grey.jpg", fixture("grey.jpg"), [54, 54, 54]], // Rec. 709 luma of red
  ];
  for (const [name, bytes, red] of cases) {
    assertEquals(readImageInfo(bytes), {
      format: "jpeg",
      width: 24,
      height: 16,
    }, name);
    const image = decodeImage(bytes);
    assertEquals([image.width, image.height], [24, 16], name);
    // block centres, away from the blocks' edges where JPEG rings
    assertNear(pixel(image, 3, 3), [0, 0, 0, 255], 8, `${name}: black`);
    assertNear(pixel(image, 12, 3), [...red, 255], 8, `${name}: red`);
    assertNear(pixel(image, 20, 12), [128, 128, 128, 255], 8, `${name}: grey`);
    assertNear(pixel(image, 12, 12), [255, 255, 255, 255], 8, `${name}: white`);
  }
});

Deno.test("decodeImage() turns a JPEG upright as its EXIF orientation says", () => {
  const jpeg = new Uint8Array(encodeJpeg(blocks(), 100).data);
  // where the black and the red block are shown
  const cases: [
    number,
    boolean,
    [number, number],
    [number, number],
    [number, number],
  ][] = [
    [1, false, [24, 16], [3, 3], [12, 3]],
    [2, true, [24, 16], [20, 3], [12, 3]],
    [3, false, [24, 16], [20, 12], [12, 12]],
    [4, true, [24, 16], [3, 12], [12, 12]],
    [5, false, [16, 24], [3, 3], [3, 12]],
    [6, true, [16, 24], [12, 3], [12, 12]],
    [7, false, [16, 24], [12, 20], [12, 12]],
    [8, false, [16, 24], [3, 20], [3, 12]],
  ];
  for (const [orientation, little, size, black, red] of cases) {
    const image = decodeImage(jpegWithOrientation(jpeg, orientation, little));
    const name = `orientation ${orientation}`;
    assertEquals([image.width, image.height], size, name);
    assertNear(pixel(image, ...black), [0, 0, 0, 255], 8, `${name}: black`);
    assertNear(pixel(image, ...red), [255, 0, 0, 255], 8, `${name}: red`);
  }
});

/** A copy of a PNG whose IHDR declares another size (its CRC made right). */
function withPngSize(
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
function withJpegSize(
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

Deno.test("decodeImage() refuses an image over the pixel limit from its header alone", () => {
  const png = encodePng({ width: 4, height: 4, data: new Uint8Array(64) });
  const jpeg = new Uint8Array(encodeJpeg(blocks(), 90).data);
  // a few hundred bytes that declare 10 gigapixels: decoding would need 40 GB
  const liar = withPngSize(png, 100_000, 100_000);
  assertEquals(readImageInfo(liar), {
    format: "png",
    width: 100_000,
    height: 100_000,
  });
  const errorCases: [Uint8Array, DecodeOptions, string][] = [
    [
      liar,
      {},
      `100000×100000 pixels is over the limit of ${MAX_IMAGE_PIXELS}; scale it down`,
    ],
    [
      withJpegSize(jpeg, 60_000, 60_000),
      {},
      "60000×60000 pixels is over the limit",
    ],
    [png, { maxPixels: 15 }, "4×4 pixels is over the limit of 15"],
    [jpeg, { maxPixels: 383 }, "24×16 pixels is over the limit of 383"],
  ];
  for (const [bytes, options, message] of errorCases) {
    assertClientError(() => decodeImage(bytes, options), 413, message);
  }
  assertEquals(decodeImage(jpeg, { maxPixels: 384 }).width, 24);
  // a limit of 0 is the caller's bug, not the client's mistake
  assertThrows(
    () => decodeImage(png, { maxPixels: 0 }),
    RangeError,
    "maxPixels must be positive",
  );
});

Deno.test("decodeImage() refuses what is not a whole PNG or JPEG: 400, or 413 for a zip bomb", () => {
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
  const errorCases: [string, Uint8Array, number, string][] = [
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
  for (const [name, bytes, status, message] of errorCases) {
    assertClientError(() => decodeImage(bytes), status, message, name);
  }
});

Deno.test("decodeImage() refuses at once a tiny JPEG that declares thousands of pixels a side", () => {
  // a real 8×8 JPEG whose frame header is rewritten to say 4000×4000
  const small = new Uint8Array(
    encodeJpeg({
      width: 8,
      height: 8,
      data: new Uint8Array(8 * 8 * 4).fill(255),
    }, 90).data,
  );
  let sof = 2;
  while (!(small[sof] === 0xff && small[sof + 1] === 0xc0)) sof++;
  const view = new DataView(small.buffer, small.byteOffset);
  view.setUint16(sof + 5, 4000);
  view.setUint16(sof + 7, 4000);
  assertClientError(
    () => decodeImage(small),
    400,
    "cannot hold 4000×4000 pixels",
  );
});
