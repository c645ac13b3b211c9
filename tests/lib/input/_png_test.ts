/**
 * Tests of `lib/input/_png.ts`: the chunks, then decoding.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import { decodePng, readPngChunks } from "../../../lib/input/_png.ts";
import { MAX_PNG_CHUNKS, MAX_PNG_DATA_BYTES } from "../../../lib/limits.ts";
import { assertClientError } from "../../_errors.ts";
import {
  concat,
  exifTiff,
  iccpChunk,
  ihdrChunk,
  jpegWithOrientation,
  noise,
  pngChunk,
  pngFile,
  rebuildPng,
  zlib,
  zlibBomb,
} from "../../_images.ts";
import { encode as encodeJpeg } from "jpeg-js";
import { decodeJpeg } from "../../../lib/input/_jpeg_decode.ts";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";

const IEND = pngChunk("IEND", new Uint8Array(0));

Deno.test("readPngChunks() joins the IDAT chunks in order and keeps PLTE, tRNS and eXIf", () => {
  const data = zlib(Uint8Array.from({ length: 3 * 3 }, (_, i) => i % 3)); // 2×3 palette, filter 0
  const palette = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255]);
  const alpha = Uint8Array.from([0, 128]);
  const exif = exifTiff(6, true);
  const png = pngFile([
    ihdrChunk(2, 3, 8, 3),
    pngChunk("PLTE", palette),
    pngChunk("tRNS", alpha),
    pngChunk("eXIf", exif),
    pngChunk("IDAT", data.subarray(0, 5)),
    pngChunk("IDAT", data.subarray(5, 6)),
    pngChunk("IDAT", data.subarray(6)),
    IEND,
  ]);
  const chunks = readPngChunks(png);
  assertEquals(chunks.header, {
    format: "png",
    width: 2,
    height: 3,
    depth: 8,
    colourType: 3,
    interlaced: false,
  });
  assertEquals([...chunks.data], [...data]);
  assertEquals([...chunks.palette!], [...palette]);
  assertEquals([...chunks.transparency!], [...alpha]);
  assertEquals([...chunks.exif!], [...exif]);
});

Deno.test("readPngChunks() skips ancillary chunks unread: a corrupt iCCP, text, an unknown one, a bad CRC", () => {
  const png = encodePng({ width: 3, height: 2, data: new Uint8Array(24) });
  const plain = readPngChunks(png);
  const badCrc = pngChunk("tEXt", new TextEncoder().encode("a\0b"));
  badCrc[badCrc.length - 1] ^= 1;
  const noisy = rebuildPng(png, {
    extra: [
      iccpChunk(Uint8Array.from([1, 2, 3, 4, 5])), // not zlib at all
      pngChunk("zTXt", new TextEncoder().encode("k\0\0garbage")),
      pngChunk("abCd", new Uint8Array(7)), // lower-case first letter: ancillary
      badCrc,
    ],
  });
  const chunks = readPngChunks(noisy);
  assertEquals([...chunks.data], [...plain.data]);
  assertEquals(chunks.exif, undefined);
});

Deno.test("readPngChunks() reads eXIf only before the image data, as the PNG specification places it", () => {
  const png = encodePng({ width: 3, height: 2, data: new Uint8Array(24) });
  const after = rebuildPng(png, {
    extra: [pngChunk("eXIf", exifTiff(3, false))],
    before: "IEND",
  });
  assertEquals(readPngChunks(after).exif, undefined);
});

Deno.test("readPngChunks() refuses what is not a whole PNG, and a file cut into too many chunks", () => {
  const png = encodePng({ width: 3, height: 2, data: new Uint8Array(24) });
  const flipped = png.slice();
  flipped[png.length - 20] ^= 0xff; // inside IDAT's data
  const tiny = pngChunk("teXt", new Uint8Array(0));
  const tooMany = rebuildPng(png, {
    extra: [concat(new Array(MAX_PNG_CHUNKS).fill(tiny))],
  });
  const errorCases: [string, Uint8Array, number, string][] = [
    ["a flipped byte in IDAT", flipped, 400, 'chunk "IDAT" at byte'],
    [
      "an unknown critical chunk",
      rebuildPng(png, { extra: [pngChunk("ABCD", new Uint8Array(1))] }),
      400,
      'unknown critical chunk "ABCD"',
    ],
    [
      "no IDAT",
      pngFile([ihdrChunk(3, 2, 8, 6), IEND]),
      400,
      "no image data (IDAT)",
    ],
    [
      "a palette image without PLTE",
      pngFile([
        ihdrChunk(3, 2, 8, 3),
        pngChunk("IDAT", zlib(new Uint8Array(8))),
        IEND,
      ]),
      400,
      "palette (PLTE) is missing",
    ],
    [
      "no IEND",
      png.subarray(0, png.length - 12),
      400,
      "ends before its IEND",
    ],
    [
      "a chunk longer than the file",
      png.subarray(0, png.length - 20),
      400,
      "runs past the end of the file",
    ],
    [
      `${MAX_PNG_CHUNKS} empty chunks besides the image's`,
      tooMany,
      413,
      `more than ${MAX_PNG_CHUNKS} chunks`,
    ],
  ];
  for (const [name, bytes, status, message] of errorCases) {
    assertClientError(() => readPngChunks(bytes), status, message, name);
  }
  // just under the limit: the image's 4 chunks and 99,996 empty ones
  const most = rebuildPng(png, {
    extra: [concat(new Array(MAX_PNG_CHUNKS - 4).fill(tiny))],
  });
  assertEquals(readPngChunks(most).header.width, 3);
});

/** Resident memory in MiB. */
function rss(): number {
  return Deno.memoryUsage().rss / 2 ** 20;
}

Deno.test("decodePng() skips compressed profiles and text that inflate to 1 GiB, without inflating them", () => {
  const image = noise(30, 20);
  const png = encodePng(image);
  const bomb = zlibBomb(1024); // 1 GiB of zeros in about 1 MB
  const cases: [string, Uint8Array][] = [
    ["iCCP", iccpChunk(bomb)],
    ["zTXt", pngChunk("zTXt", new Uint8Array([...bytes("k\0\0"), ...bomb]))],
    [
      "iTXt",
      pngChunk("iTXt", new Uint8Array([...bytes("k\0\x01\0\0\0"), ...bomb])),
    ],
  ];
  for (const [name, chunk] of cases) {
    const before = rss();
    const decoded = decodePng(rebuildPng(png, { extra: [chunk] }));
    const grown = rss() - before;
    assertEquals([...decoded.data], [...image.data], name);
    assert(grown < 256, `${name}: memory grew by ${grown} MiB while decoding`);
  }
});

Deno.test("decodePng() refuses image data that inflates past its header's size, stopping at that size", () => {
  // a 100×100 grey image is 10,100 bytes of data; this IDAT inflates to 1 GiB
  const png = pngFile([
    ihdrChunk(100, 100, 8, 0),
    pngChunk("IDAT", zlibBomb(1024)),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
  const before = rss();
  assertClientError(
    () => decodePng(png),
    413,
    "inflates to more than the 10100 bytes of 100×100 pixels",
  );
  assert(rss() - before < 256, "memory grew by the inflated size");
});

Deno.test("decodePng() refuses from its header an image whose data would take over 64 MiB", () => {
  // 16-bit RGBA, 4000×4000: 128 MB of data, under the pixel limit
  const png = pngFile([
    ihdrChunk(4000, 4000, 16, 6),
    pngChunk("IDAT", zlib(new Uint8Array(10))),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
  assertClientError(
    () => decodePng(png),
    413,
    `take 128004000 bytes, over the limit of ${MAX_PNG_DATA_BYTES}`,
  );
});

Deno.test("decodePng() reads image data cut into one-byte IDAT chunks, and refuses it past the chunk limit", () => {
  // noise does not compress: one chunk per byte of image data
  const small = noise(120, 120); // about 57,700 bytes of data: 57,700 chunks
  const split = rebuildPng(encodePng(small), { idatSize: 1 });
  assert(split.length > 57_000 * 13);
  assertEquals([...decodePng(split).data], [...small.data]);
  // 800,000 one-byte chunks, a 10 MB file
  const large = rebuildPng(encodePng(noise(450, 450)), { idatSize: 1 });
  assert(large.length > 800_000 * 13);
  assertClientError(
    () => decodePng(large),
    413,
    `cut into more than ${MAX_PNG_CHUNKS} chunks`,
  );
});

Deno.test("decodePng() turns a PNG upright by its eXIf orientation as decodeJpeg() does a JPEG by its EXIF", () => {
  // 24×16 in 8×8 blocks: black at the top left, red beside it, else white
  const blocks: RgbaImage = {
    width: 24,
    height: 16,
    data: Uint8Array.from(
      Array.from({ length: 24 * 16 }, (_, i) => {
        const block = Math.floor((i % 24) / 8) + 3 * Math.floor(i / 24 / 8);
        return block === 0
          ? [0, 0, 0, 255]
          : block === 1
          ? [255, 0, 0, 255]
          : [255, 255, 255, 255];
      }).flat(),
    ),
  };
  const jpeg = new Uint8Array(encodeJpeg(blocks, 100).data);
  // the PNG holds exactly the pixels the JPEG stores, so both must turn alike
  const png = encodePng(decodeJpeg(jpeg));
  for (let orientation = 1; orientation <= 8; orientation++) {
    for (const little of [true, false]) {
      const name = `orientation ${orientation}, ${little ? "II" : "MM"}`;
      const fromJpeg = decodeJpeg(
        jpegWithOrientation(jpeg, orientation, little),
      );
      const fromPng = decodePng(
        rebuildPng(png, {
          extra: [pngChunk("eXIf", exifTiff(orientation, little))],
        }),
      );
      assertEquals(
        [fromPng.width, fromPng.height],
        orientation >= 5 ? [16, 24] : [24, 16],
        name,
      );
      assertEquals(
        [fromPng.width, fromPng.height],
        [fromJpeg.width, fromJpeg.height],
        name,
      );
      assertEquals([...fromPng.data], [...fromJpeg.data], name);
    }
  }
});

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
