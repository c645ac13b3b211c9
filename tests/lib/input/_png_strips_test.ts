/**
 * Tests of `lib/input/_png_strips.ts`: a PNG decoded smaller a scanline at a
 * time, against fast-png's whole picture averaged over the same boxes.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { encode } from "fast-png";
import { ClientError } from "../../../lib/errors.ts";
import { decodePng } from "../../../lib/input/_png.ts";
import { decodePngReduced } from "../../../lib/input/_png_strips.ts";
import {
  exifTiff,
  ihdrChunk,
  pngChunk,
  pngFile,
  rebuildPng,
  zlib,
  zlibBomb,
} from "../../_images.ts";
import { boxAverage, difference } from "../../_photos.ts";

/** Samples from a fixed seed, so that every filter type is chosen somewhere. */
function samples(length: number, max: number): Uint16Array {
  let state = 7;
  return Uint16Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return (state >> 8) % (max + 1);
  });
}

const cases: [string, number, 1 | 4 | 8 | 16, number][] = [
  // name, channels, depth, palette colours (0: none)
  ["grey, 1 bit", 1, 1, 0],
  ["grey, 4 bits", 1, 4, 0],
  ["grey, 16 bits", 1, 16, 0],
  ["grey + alpha, 8 bits", 2, 8, 0],
  ["RGB, 8 bits", 3, 8, 0],
  ["RGB, 16 bits", 3, 16, 0],
  ["RGBA, 8 bits", 4, 8, 0],
  ["palette, 4 bits", 1, 4, 16],
];

for (const [name, channels, depth, colours] of cases) {
  Deno.test(`decodePngReduced() averages a ${name} PNG over boxes as fast-png's whole picture does`, () => {
    const [width, height] = [101, 67]; // no side a multiple of a box
    const packed = depth < 8;
    const length = packed
      ? Math.ceil((width * depth) / 8) * height
      : width * height * channels;
    const data = depth === 16
      ? samples(length, 65535)
      : Uint8Array.from(samples(length, 255));
    const palette = colours
      ? Array.from(
        { length: colours },
        (_, i): [number, number, number] => [i * 16, 255 - i * 16, i * 8],
      )
      : undefined;
    const png = encode({ width, height, data, channels, depth, palette });
    const full = decodePng(png);
    for (const factor of [1, 2, 3, 7]) {
      const reduced = decodePngReduced(png, factor);
      assertEquals(
        [reduced.width, reduced.height],
        [Math.ceil(width / factor), Math.ceil(height / factor)],
      );
      const { max } = difference(boxAverage(full, factor), reduced.data);
      assertEquals(max <= 0.5, true, `factor ${factor}: ${max}`);
    }
  });
}

Deno.test("decodePngReduced() applies tRNS and the EXIF orientation", () => {
  // RGB with one colour see-through, then turned by an eXIf chunk
  const rgb = new Uint8Array(4 * 2 * 3).fill(200);
  rgb.set([10, 20, 30], 0);
  const keyed = rebuildPng(
    encode({ width: 4, height: 2, data: rgb, channels: 3 }),
    {
      extra: [
        pngChunk("tRNS", Uint8Array.from([0, 10, 0, 20, 0, 30])),
        pngChunk("eXIf", exifTiff(6, true)),
      ],
    },
  );
  const image = decodePngReduced(keyed, 1);
  assertEquals([image.width, image.height], [2, 4]);
  const full = decodePng(keyed);
  assertEquals([...image.data], [...full.data]);
  assertEquals(full.data[4 * 1 + 3], 0, "the keyed colour is see-through");
});

Deno.test("decodePngReduced() refuses a bomb with 413, cut data with 400, and is not for interlaced PNGs", () => {
  const png = (idat: Uint8Array) =>
    pngFile([
      ihdrChunk(1000, 1000, 8, 0),
      pngChunk("IDAT", idat),
      pngChunk("IEND", new Uint8Array(0)),
    ]);
  // 8 MiB of zeros where 1000 lines of 1001 bytes are due
  const bomb = assertThrows(
    () => decodePngReduced(png(zlibBomb(8)), 2),
    ClientError,
    "inflates to more than",
  );
  assertEquals(bomb.status, 413);
  const cut = assertThrows(
    () => decodePngReduced(png(zlib(new Uint8Array(1001 * 500))), 2),
    ClientError,
    "truncated",
  );
  assertEquals(cut.status, 400);
  const interlaced = pngFile([
    ihdrChunk(8, 8, 8, 0, 1),
    pngChunk("IDAT", zlib(new Uint8Array(200))),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
  assertThrows(() => decodePngReduced(interlaced, 2), RangeError, "interlaced");
});
