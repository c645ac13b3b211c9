import { assertEquals } from "@std/assert";
import { encode as encodeJpeg } from "jpeg-js";
import { decodeJpeg } from "../../../lib/input/_jpeg_decode.ts";
import { assertClientError } from "../../_errors.ts";
import { jpegWithOrientation } from "../../_images.ts";

/** 16×8: black on the left half, white on the right. */
const jpeg = new Uint8Array(
  encodeJpeg({
    width: 16,
    height: 8,
    data: Uint8Array.from(
      { length: 16 * 8 * 4 },
      (_, i) => (i % 4 === 3 || (i >> 2) % 16 >= 8 ? 255 : 0),
    ),
  }, 100).data,
);

Deno.test("decodeJpeg() decodes to RGBA and turns the image upright by its EXIF orientation", () => {
  const stored = decodeJpeg(jpeg);
  assertEquals([stored.width, stored.height], [16, 8]);
  assertEquals([...stored.data.subarray(0, 4)], [0, 0, 0, 255]);
  // 6: turned 90° clockwise, so the black half is on top
  const turned = decodeJpeg(jpegWithOrientation(jpeg, 6, false));
  assertEquals([turned.width, turned.height], [8, 16]);
  assertEquals([...turned.data.subarray(0, 4)], [0, 0, 0, 255]);
  const bottom = turned.data.length - 4;
  assertEquals([...turned.data.subarray(bottom, bottom + 4)], [
    255,
    255,
    255,
    255,
  ]);
});

Deno.test("decodeJpeg() refuses a corrupt JPEG with a 400", () => {
  const cases: [string, Uint8Array, string][] = [
    ["cut in half", jpeg.subarray(0, jpeg.length >> 1), "Cannot decode JPEG"],
    ["cut before its frame", jpeg.subarray(0, 20), "before a frame header"],
  ];
  for (const [name, bytes, message] of cases) {
    assertClientError(() => decodeJpeg(bytes), 400, message, name);
  }
});
