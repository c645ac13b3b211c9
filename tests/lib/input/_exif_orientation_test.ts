import { assertEquals, assertStrictEquals } from "@std/assert";
import {
  exifOrientation,
  orient,
} from "../../../lib/input/_exif_orientation.ts";
import type { RgbaImage } from "../../../lib/input/preprocess.ts";
import { exifTiff } from "../../_images.ts";

Deno.test("exifOrientation() reads the tag from little- and big-endian TIFF data", () => {
  for (let orientation = 1; orientation <= 8; orientation++) {
    assertEquals(exifOrientation(exifTiff(orientation, true)), orientation);
    assertEquals(exifOrientation(exifTiff(orientation, false)), orientation);
  }
});

Deno.test("exifOrientation() says 1 (as stored) for missing, out-of-range or broken data", () => {
  const other = exifTiff(6, true);
  other[10] = 0x13; // tag 0x0113, not the orientation
  const cases: [string, Uint8Array | undefined][] = [
    ["none", undefined],
    ["empty", new Uint8Array(0)],
    ["orientation 0", exifTiff(0, true)],
    ["orientation 9", exifTiff(9, false)],
    ["another tag", other],
    ["no TIFF header", new TextEncoder().encode("Exif\0\0MM\0*")],
    ["cut inside IFD0", exifTiff(6, true).subarray(0, 16)],
    [
      "IFD0 past the end",
      Uint8Array.from([0x49, 0x49, 42, 0, 255, 255, 0, 0]),
    ],
  ];
  for (const [name, tiff] of cases) {
    assertEquals(exifOrientation(tiff), 1, name);
  }
});

Deno.test("orient() mirrors and turns as each EXIF orientation says", () => {
  // stored:  A B C     each letter a pixel, its RGBA all that letter's code
  //          D E F
  const image: RgbaImage = {
    width: 3,
    height: 2,
    data: Uint8Array.from(
      [..."ABCDEF"].flatMap((c) => Array(4).fill(c.charCodeAt(0))),
    ),
  };
  const cases: [number, number, string][] = [
    [1, 3, "ABC DEF"],
    [2, 3, "CBA FED"], // mirrored left to right
    [3, 3, "FED CBA"], // turned 180°
    [4, 3, "DEF ABC"], // flipped top to bottom
    [5, 2, "AD BE CF"], // transposed
    [6, 2, "DA EB FC"], // turned 90° clockwise
    [7, 2, "FC EB DA"], // transversed
    [8, 2, "CF BE AD"], // turned 90° anticlockwise
  ];
  for (const [orientation, width, rows] of cases) {
    const shown = orient(image, orientation);
    const letters = Array.from(
      { length: shown.width * shown.height },
      (_, i) => String.fromCharCode(shown.data[i * 4]),
    ).join("");
    assertEquals(
      [shown.width, letters],
      [width, rows.replaceAll(" ", "")],
      `orientation ${orientation}`,
    );
  }
  assertStrictEquals(orient(image, 1), image);
  assertStrictEquals(orient(image, 0), image);
});
