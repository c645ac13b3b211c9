import { assert, assertEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { decodeJpeg } from "../../../lib/input/_jpeg_decode.ts";
import { decodePng } from "../../../lib/input/_png_decode.ts";
import { MAX_PNG_CHUNKS, MAX_PNG_DATA_BYTES } from "../../../lib/limits.ts";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";
import { assertClientError } from "../../_errors.ts";
import {
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
