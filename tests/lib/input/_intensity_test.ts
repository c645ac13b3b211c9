/**
 * Tests of `lib/input/_intensity.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import {
  type Bounds,
  inkBounds,
  intensity,
} from "../../../lib/input/_intensity.ts";
import {
  noisyPaper,
  type Paint,
  paint,
  stroke,
  WHITE_ON_BLACK,
} from "./_paint.ts";

Deno.test("intensity() makes ink white on black whatever the paper, and clears the paper's noise", () => {
  const dot = stroke([9, 7], [[4.5, 3.5], [4.5, 3.5]], 1); // one pixel, (4, 3)
  const expected = new Float32Array(63);
  expected[3 * 9 + 4] = 1;
  const cases: [string, Paint][] = [
    ["black on white", {
      paper: () => [255, 255, 255, 255],
      ink: [0, 0, 0, 255],
    }],
    ["white on black", WHITE_ON_BLACK],
    ["red on yellow", {
      paper: () => [250, 240, 0, 255],
      ink: [200, 0, 0, 255],
    }],
    ["alpha on transparent", {
      paper: () => [9, 9, 9, 0],
      ink: [9, 9, 9, 255],
    }],
    ["black on noisy paper", { paper: noisyPaper(5), ink: [0, 0, 0, 255] }],
  ];
  for (const [name, look] of cases) {
    const ink = intensity(paint(dot, look));
    assertEquals(ink.shape, [7, 9], name);
    assertEquals([...ink.data], [...expected], name);
  }
});

Deno.test("inkBounds() finds the box around every pixel above 0, exclusive at right and bottom", () => {
  const cases: [number[], number, Bounds | undefined][] = [
    [[0, 0, 0, 0, 0, 0], 3, undefined],
    [[0, 0, 0, 0, 0.5, 0], 3, { left: 1, top: 1, right: 2, bottom: 2 }],
    [[1, 0, 0, 0, 0, 0.1], 3, { left: 0, top: 0, right: 3, bottom: 2 }],
    [[0, 0, 1, 0, 1, 0], 2, { left: 0, top: 1, right: 1, bottom: 3 }],
  ];
  for (const [values, width, bounds] of cases) {
    const tensor = {
      data: Float32Array.from(values),
      shape: [values.length / width, width],
    };
    assertEquals(inkBounds(tensor), bounds, `${values}`);
  }
});
