import { assertEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import { readPngChunks } from "../../../lib/input/_png_chunks.ts";
import { MAX_PNG_CHUNKS } from "../../../lib/limits.ts";
import { assertClientError } from "../../_errors.ts";
import {
  concat,
  exifTiff,
  iccpChunk,
  ihdrChunk,
  pngChunk,
  pngFile,
  rebuildPng,
  zlib,
} from "../../_images.ts";

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
