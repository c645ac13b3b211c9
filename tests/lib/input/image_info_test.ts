import { assertEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { readImageInfo, readPngHeader } from "../../../lib/input/image_info.ts";
import { assertClientError } from "../../_errors.ts";
import { ihdrChunk, pngChunk, pngFile } from "../../_images.ts";

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
