import { assertEquals, assertThrows } from "@std/assert";
import {
  pixelsFromBytes,
  pixelsFromRows,
  toJsonNumbers,
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
  const { data } = pixelsFromRows([raw], 255);
  assertEquals([data[5], data[6], data[7]], [1, Math.fround(0.2), 0]);
});

const errorCases: [unknown[], number, ErrorConstructor, string][] = [
  [[new Array(783).fill(0)], 1, TypeError, "got 783 values"],
  [[new Array(28).fill(new Array(27).fill(0))], 1, TypeError, "got 756 values"],
  [
    [[...new Array(783).fill(0), 2]],
    1,
    RangeError,
    'pixel 783 (row 27, column 27) is 2, values in [0, 1] expected (for 0–255 values send "scale": 255)',
  ],
  [
    [[...new Array(783).fill(0), 256]],
    255,
    RangeError,
    "is 256, values in [0, 255] expected",
  ],
  [
    [[-1, ...new Array(783).fill(0)]],
    1,
    RangeError,
    "pixel 0 (row 0, column 0) is -1",
  ],
  [[["0", ...new Array(783).fill(0)]], 1, RangeError, 'is "0"'],
  [[[NaN, ...new Array(783).fill(0)]], 1, RangeError, "is null"],
];

for (const [images, scale, ErrorClass, message] of errorCases) {
  Deno.test(`pixelsFromRows() refuses: ${message}`, () => {
    assertThrows(
      () => pixelsFromRows(images as number[][], scale),
      ErrorClass,
      message,
    );
  });
}

Deno.test("pixelsFromBytes() reads N×784 bytes as pixel / 255", () => {
  const bytes = new Uint8Array(784 * 2);
  bytes[784] = 255;
  const { data, shape } = pixelsFromBytes(bytes);
  assertEquals(shape, [2, 784]);
  assertEquals(data[784], 1);
  assertThrows(
    () => pixelsFromBytes(new Uint8Array(785)),
    TypeError,
    "not a multiple of 784",
  );
  assertThrows(() => pixelsFromBytes(new Uint8Array(0)), TypeError, "got 0");
});

Deno.test("toJsonNumbers() keeps each float32 exactly in 9 digits", () => {
  const values = new Float32Array([0.1, 1 / 3, 0.9119816422462463, 1.968e-5]);
  const numbers = toJsonNumbers(values);
  numbers.forEach((n, i) => assertEquals(Math.fround(n), values[i]));
  assertEquals(numbers[0], 0.100000001);
});
