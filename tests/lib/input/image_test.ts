/**
 * Tests of `lib/input/image.ts`: the headers, then decoding.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertThrows,
} from "@std/assert";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import {
  decodeCost,
  decodeImage,
  type DecodeOptions,
  readImageInfo,
  readPngHeader,
  REDUCE_FROM_PIXELS,
} from "../../../lib/input/image.ts";
import { assertClientError } from "../../_errors.ts";
import {
  ihdrChunk,
  jpegWithOrientation,
  pngChunk,
  pngFile,
} from "../../_images.ts";
import { MAX_IMAGE_PIXELS } from "../../../lib/limits.ts";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";
import {
  blocks,
  fixture,
  PNG_VARIANTS,
  REFUSED_IMAGES,
  withJpegSize,
  withPngSize,
} from "./_image_cases.ts";

/** A PNG of only a header: enough for the readers here. */
function header(...args: Parameters<typeof ihdrChunk>): Uint8Array {
  return pngFile([ihdrChunk(...args), pngChunk("IEND", new Uint8Array(0))]);
}

Deno.test("readImageInfo() reads the format and size of a PNG and a JPEG", () => {
  const png = encodePng({ width: 5, height: 3, data: new Uint8Array(60) });
  const jpeg = encodeJpeg({ width: 7, height: 2, data: new Uint8Array(56) });
  assertEquals(readImageInfo(png), { format: "png", width: 5, height: 3 });
  assertEquals(readImageInfo(new Uint8Array(jpeg.data)), {
    format: "jpeg",
    width: 7,
    height: 2,
  });
  assertEquals(readPngHeader(header(9, 4, 16, 0, 1)), {
    format: "png",
    width: 9,
    height: 4,
    depth: 16,
    colourType: 0,
    interlaced: true,
  });
});

Deno.test("readPngHeader() refuses, with a 400, a header PNG does not define", () => {
  const methods = header(4, 4, 8, 6);
  methods[8 + 8 + 10] = 1; // compression method 1
  const interlace = header(4, 4, 8, 6);
  interlace[8 + 8 + 12] = 2; // interlace method 2
  const errorCases: [string, Uint8Array, string][] = [
    ["RGB at 4 bits", header(4, 4, 4, 2), "colour type 2 at 4 bits"],
    ["palette at 16 bits", header(4, 4, 16, 3), "colour type 3 at 16 bits"],
    ["grey + alpha at 1 bit", header(4, 4, 1, 4), "colour type 4 at 1 bits"],
    ["colour type 5", header(4, 4, 8, 5), "colour type 5 at 8 bits"],
    ["compression method 1", methods, "compression 1, filter 0"],
    ["interlace method 2", interlace, "interlace 2 methods"],
    ["0 pixels wide", header(0, 4, 8, 6), "declares 0×4 pixels"],
  ];
  for (const [name, bytes, message] of errorCases) {
    assertClientError(() => readPngHeader(bytes), 400, message, name);
  }
});

Deno.test("decodeImage() turns every PNG variant fast-png writes into 8-bit RGBA", () => {
  for (const [name, image, options, expected] of PNG_VARIANTS) {
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
  for (const [name, bytes, status, message] of REFUSED_IMAGES) {
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

Deno.test("decodeImage() with reduce decodes a picture over REDUCE_FROM_PIXELS smaller, and decodeCost() charges that", () => {
  const side = Math.ceil(Math.sqrt(REDUCE_FROM_PIXELS)) + 8; // just over
  const grey = (width: number, height: number) => ({
    width,
    height,
    data: new Uint8Array(width * height * 4).fill(200),
  });
  const large = grey(side, side), small = grey(1000, 1000);
  const cases: [string, Uint8Array, number][] = [
    ["a large JPEG", encodeJpeg(large, 80).data, 8],
    ["a large PNG", encodePng(large), 2],
    ["a small JPEG", encodeJpeg(small, 80).data, 1],
    ["a small PNG", encodePng(small), 1],
  ];
  for (const [name, bytes, factor] of cases) {
    const image = decodeImage(bytes, { reduce: true });
    const { width } = readImageInfo(bytes);
    assertEquals(image.width, Math.ceil(width / factor), name);
    assertEquals(
      decodeImage(bytes).width,
      width,
      `${name}, whole without reduce`,
    );
    // whole, a picture costs 15–24 bytes a pixel; reduced, a JPEG under 1,
    // a PNG its scanlines (4 bytes a pixel of RGBA) and a quarter of 12
    const perPixel = decodeCost(bytes).bytes / (width * width);
    const [least, most] = factor === 1
      ? [15, Infinity]
      : factor === 8
      ? [0, 1]
      : [0, 7.5];
    assert(
      perPixel >= least && perPixel < most,
      `${name}: ${perPixel}`,
    );
  }
});
