/**
 * Tests of `lib/input/pixels.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import {
  joinPixels,
  pixelRows,
  pixelsFromBytes,
  pixelsFromFloats,
  pixelsFromNumbers,
  pixelsFromRows,
} from "../../../lib/input/pixels.ts";

Deno.test("pixelsFromRows() flattens 784 numbers or 28 rows of 28 alike", () => {
  const flat = Array.from({ length: 784 }, (_, i) => (i % 256) / 255);
  const nested = Array.from(
    { length: 28 },
    (_, r) => flat.slice(r * 28, r * 28 + 28),
  );
  const a = pixelsFromRows([flat]);
  const b = pixelsFromRows([nested, flat]);
  assertEquals(a.shape, [1, 784]);
  assertEquals(b.shape, [2, 784]);
  assertEquals(b.data.subarray(0, 784), a.data);
  assertEquals(b.data.subarray(784), a.data);
});

Deno.test("pixelsFromRows() divides raw 0–255 values by the scale", () => {
  const raw = new Array(784).fill(0);
  raw[5] = 255;
  raw[6] = 51;
  const { data } = pixelsFromRows([raw], { scale: 255 });
  assertEquals([data[5], data[6], data[7]], [1, Math.fround(0.2), 0]);
});

const errorCases: [unknown[], number, number, string][] = [
  [[new Array(783).fill(0)], 1, 400, "got 783 values"],
  [[new Array(28).fill(new Array(27).fill(0))], 1, 400, "row 0 is not 28"],
  [[new Array(28).fill(0).map((_, i) => i ? [] : 0)], 1, 400, "got 28 values"],
  [[null], 1, 400, "got null"],
  [
    [[...new Array(783).fill(0), 2]],
    1,
    422,
    'pixel 783 (row 27, column 27) is 2, values in [0, 1] expected (for 0–255 values send "scale": 255)',
  ],
  [
    [[...new Array(783).fill(0), 256]],
    255,
    422,
    "is 256, values in [0, 255] expected",
  ],
  [
    [[-1, ...new Array(783).fill(0)]],
    1,
    422,
    "pixel 0 (row 0, column 0) is -1",
  ],
  [[["0", ...new Array(783).fill(0)]], 1, 400, 'is "0"'],
  [[[[0], ...new Array(783).fill(0)]], 1, 400, "is an array"],
  [[[NaN, ...new Array(783).fill(0)]], 1, 422, "is null"],
  [[], 1, 400, "none given"],
];

for (const [images, scale, status, message] of errorCases) {
  Deno.test(`pixelsFromRows() refuses with ${status}: ${message}`, () => {
    const error = assertThrows(
      () => pixelsFromRows(images, { scale }),
      ClientError,
      message,
    );
    assertEquals(error.status, status);
  });
}

Deno.test("pixelsFromRows() names the field and image in its messages", () => {
  const bad = [...new Array(783).fill(0), 2];
  assertThrows(
    () => pixelsFromRows([bad], { field: "pixels" }),
    ClientError,
    "Cannot read pixels: pixel 783",
  );
  assertThrows(
    () => pixelsFromRows([new Array(784).fill(0), bad]),
    ClientError,
    "Cannot read batch[1]: pixel 783",
  );
});

Deno.test("pixelsFromBytes() reads N×784 bytes as pixel / 255", () => {
  const bytes = new Uint8Array(784 * 2);
  bytes[784] = 255;
  const { data, shape } = pixelsFromBytes(bytes);
  assertEquals(shape, [2, 784]);
  assertEquals(data[784], 1);
  assertThrows(
    () => pixelsFromBytes(new Uint8Array(785)),
    ClientError,
    "not a multiple of 784",
  );
  assertThrows(() => pixelsFromBytes(new Uint8Array(0)), ClientError, "got 0");
});

Deno.test("pixelsFromFloats() checks the range once and keeps the array", () => {
  const values = new Float32Array(784 * 3).fill(0.5);
  const pixels = pixelsFromFloats(values);
  assertEquals(pixels.shape, [3, 784]);
  assertEquals(pixels.data === values, true);
  const cases: [Float32Array, number, string][] = [
    [new Float32Array(783), 400, "not a multiple of 784"],
    [new Float32Array(0), 400, "got 0"],
    [new Float32Array(784).fill(2), 422, "pixel 0 is 2"],
    [
      Float32Array.from({ length: 1568 }, (_, i) => i === 900 ? NaN : 0),
      422,
      "image 1: pixel 116 is NaN",
    ],
    [new Float32Array(784).fill(-0.5), 422, "values in [0, 1] expected"],
  ];
  for (const [bad, status, message] of cases) {
    const error = assertThrows(
      () => pixelsFromFloats(bad),
      ClientError,
      message,
    );
    assertEquals(error.status, status);
  }
});

Deno.test("pixelsFromNumbers() reads a flat V2 data list in one pass", () => {
  const values = new Array(784 * 2).fill(0.25);
  assertEquals(pixelsFromNumbers(values).shape, [2, 784]);
  const cases: [unknown[], number, string][] = [
    [new Array(785).fill(0), 400, "not a multiple of 784"],
    [[...new Array(783).fill(0), "x"], 400, "data[783]"],
    [[...new Array(783).fill(0), 1.5], 422, "values in [0, 1]"],
  ];
  for (const [bad, status, message] of cases) {
    const error = assertThrows(
      () => pixelsFromNumbers(bad),
      ClientError,
      message,
    );
    assertEquals(error.status, status);
  }
});

Deno.test("pixelRows() and joinPixels() take rows apart and put them back", () => {
  const values = Float32Array.from({ length: 784 * 4 }, (_, i) => (i % 7) / 7);
  const pixels = pixelsFromFloats(values);
  const parts = [
    pixelRows(pixels, 0, 1),
    pixelRows(pixels, 1, 3),
    pixelRows(pixels, 3, 9),
  ];
  assertEquals(parts.map((p) => p.shape[0]), [1, 2, 1]);
  const joined = joinPixels(parts);
  assertEquals(joined.shape, [4, 784]);
  assertEquals(joined.data, values);
});
