/**
 * Tests of `lib/input/preprocess.ts`.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import fc from "fast-check";
import { resizeArea } from "../../../lib/input/preprocess.ts";
import type { Tensor } from "../../../lib/tensor.ts";
import { random } from "./_paint.ts";

Deno.test("resizeArea() averages the area each pixel covers, fractional pixels by their fraction", () => {
  const cases: [string, Tensor, Parameters<typeof resizeArea>[1], number[]][] =
    [
      [
        "4×2 to 2×1: means of 2×2 blocks",
        { data: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), shape: [2, 4] },
        { width: 2, height: 1 },
        [3.5, 5.5],
      ],
      [
        "3 to 2: the middle pixel split in halves",
        { data: Float32Array.of(0, 0.6, 1.2), shape: [1, 3] },
        { width: 2, height: 1 },
        [0.2, 1],
      ],
      [
        "1 to 3: upscaling repeats",
        { data: Float32Array.of(0.25), shape: [1, 1] },
        { width: 3, height: 1 },
        [0.25, 0.25, 0.25],
      ],
      [
        "a region only",
        { data: Float32Array.of(9, 9, 9, 9, 1, 3, 9, 5, 7), shape: [3, 3] },
        {
          width: 1,
          height: 1,
          bounds: { left: 1, top: 1, right: 3, bottom: 3 },
        },
        [4],
      ],
    ];
  for (const [name, source, options, expected] of cases) {
    const out = resizeArea(source, options);
    assertEquals(out.shape, [options.height, options.width], name);
    expected.forEach((value, i) =>
      assertAlmostEquals(out.data[i], value, 1e-6, name)
    );
  }
  const source = { data: new Float32Array(6), shape: [2, 3] };
  const errorCases: [
    Parameters<typeof resizeArea>[1],
    ErrorConstructor,
    string,
  ][] = [
    [{ width: 0, height: 1 }, TypeError, "positive integers"],
    [{ width: 1, height: 1.5 }, TypeError, "positive integers"],
    [
      { width: 1, height: 1, bounds: { left: 0, top: 0, right: 4, bottom: 2 } },
      RangeError,
      "outside",
    ],
    [
      { width: 1, height: 1, bounds: { left: 1, top: 0, right: 1, bottom: 2 } },
      RangeError,
      "empty",
    ],
    [
      {
        width: 1,
        height: 1,
        bounds: { left: 0.5, top: 0, right: 2, bottom: 2 },
      },
      TypeError,
      "whole pixels",
    ],
  ];
  for (const [options, ErrorClass, message] of errorCases) {
    assertThrows(() => resizeArea(source, options), ErrorClass, message);
  }
});

Deno.test("resizeArea() keeps the mean of the image at any size (the box filter conserves ink)", () => {
  const image = fc.integer({ min: 1, max: 40 }).chain((width) =>
    fc.tuple(
      fc.constant(width),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 1, max: 1000 }),
    )
  );
  fc.assert(
    fc.property(image, ([width, height, toWidth, toHeight, seed]) => {
      const next = random(seed);
      const data = Float32Array.from({ length: width * height }, next);
      const out = resizeArea({ data, shape: [height, width] }, {
        width: toWidth,
        height: toHeight,
      });
      const mean = (values: Float32Array) =>
        values.reduce((a, b) => a + b, 0) / values.length;
      assertAlmostEquals(mean(out.data), mean(data), 1e-5);
    }),
  );
});
