/**
 * Tests of `lib/input/_jpeg_scaled.ts`: a JPEG at 1/8 from its DC
 * coefficients, against jpeg-js's whole picture averaged over 8×8 boxes.
 *
 * @module
 */

import { assert, assertEquals, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import { decodeJpeg } from "../../../lib/input/_jpeg_decode.ts";
import { decodeJpegScaled } from "../../../lib/input/_jpeg_scaled.ts";
import { jpegWithOrientation } from "../../_images.ts";
import {
  baselineJpeg,
  boxAverage,
  difference,
  digitPhoto,
  mozJpeg,
} from "../../_photos.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

/** Sides that are no multiple of 8 or 16: the last blocks and MCUs are cut. */
const photo = await digitPhoto(7, 803, 611);

const cases: [string, () => Promise<Uint8Array> | Uint8Array, number][] = [
  ["a baseline JPEG (jpeg-js, 4:4:4)", () => baselineJpeg(photo), 4],
  // 4:2:0: the chroma's boxes are 16×16, jpeg-js's repeats its pixels
  ["a progressive JPEG (MozJPEG, 4:2:0)", () => mozJpeg(photo), 12],
  [
    "a baseline JPEG (MozJPEG, 4:2:0)",
    () => mozJpeg(photo, { progressive: false }),
    12,
  ],
  ["a progressive greyscale JPEG", () => mozJpeg(photo, { grey: true }), 4],
  ["the CMYK fixture", () => fixture("cmyk.jpg"), 1],
  ["the greyscale fixture", () => fixture("grey.jpg"), 1],
  ["the progressive fixture", () => fixture("progressive.jpg"), 1],
];

for (const [name, make, tolerance] of cases) {
  Deno.test(`decodeJpegScaled() gives the 8×8 means of ${name}`, async () => {
    const bytes = await make();
    const scaled = decodeJpegScaled(bytes);
    const full = decodeJpeg(bytes);
    assertEquals(
      [scaled.width, scaled.height],
      [Math.ceil(full.width / 8), Math.ceil(full.height / 8)],
    );
    const { max, mean } = difference(boxAverage(full, 8), scaled.data);
    assert(max <= tolerance, `max ${max} > ${tolerance}`);
    assert(mean < 1, `mean ${mean}`);
  });
}

Deno.test("decodeJpegScaled() turns a picture upright as its EXIF orientation says", () => {
  const small = { width: 32, height: 16, data: new Uint8Array(32 * 16 * 4) };
  small.data.fill(255);
  for (let y = 0; y < 8; y++) small.data.fill(0, y * 128, y * 128 + 32); // the top-left 8×8 black
  const jpeg = baselineJpeg(small, 95);
  // orientation 6: turned a quarter clockwise, 4×2 becomes 2×4
  const turned = decodeJpegScaled(jpegWithOrientation(jpeg, 6, true));
  assertEquals([turned.width, turned.height], [2, 4]);
  const dark = (i: number) => turned.data[i * 4] < 64;
  assertEquals([0, 1, 2, 3, 4, 5, 6, 7].map(dark), [
    false,
    true,
    false,
    false,
    false,
    false,
    false,
    false,
  ]);
});

Deno.test("decodeJpegScaled() refuses what it cannot decode with a 400 that says why", () => {
  const jpeg = baselineJpeg({
    width: 16,
    height: 16,
    data: new Uint8Array(16 * 16 * 4).fill(128),
  });
  const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
  const withMarker = (marker: number) => {
    const copy = jpeg.slice();
    copy[sof + 1] = marker;
    return copy;
  };
  const twelveBit = jpeg.slice();
  twelveBit[sof + 4] = 12;
  const errorCases: [string, Uint8Array, string][] = [
    ["arithmetic coding", withMarker(0xc9), "arithmetic-coded"],
    ["lossless", withMarker(0xc3), "lossless"],
    ["12-bit samples", twelveBit, "12-bit samples"],
    ["no frame", Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]), "no frame"],
    ["a cut segment", jpeg.subarray(0, sof + 6), "truncated"],
  ];
  for (const [name, bytes, message] of errorCases) {
    const error = assertThrows(
      () => decodeJpegScaled(bytes),
      ClientError,
      message,
      name,
    );
    assertEquals(error.status, 400, name);
  }
});
