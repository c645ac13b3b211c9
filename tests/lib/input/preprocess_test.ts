/**
 * Tests of `lib/input/preprocess.ts`.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertGreaterOrEqual,
  assertLess,
  assertThrows,
} from "@std/assert";
import fc from "fast-check";
import { predictMlp } from "../../../lib/reference/mlp.ts";
import {
  type Bounds,
  centreByMass,
  centreOfMass,
  inkBounds,
  intensity,
  resizeArea,
  type RgbaImage,
  toMnistInput,
} from "../../../lib/input/preprocess.ts";
import type { Tensor } from "../../../lib/tensor.ts";
import { bookWeights, testImages } from "../../_data.ts";
import { assertClientError } from "../../_errors.ts";

type Point = [x: number, y: number];

/** A digit-like "7": a bar and a long diagonal, `size` pixels tall at (x, y). */
function seven(x: number, y: number, size: number): Point[] {
  return [[x, y], [x + size * 0.6, y], [x + size * 0.2, y + size]];
}

/** Distance from p to the segment a–b. */
function distance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(
    0,
    Math.min(
      1,
      ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy),
    ),
  );
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/**
 * Coverage in [0, 1] of each pixel by a polyline stroke of the given width,
 * anti-aliased over one pixel: a `[height, width]` tensor.
 */
function stroke(
  size: [width: number, height: number],
  line: Point[],
  thickness: number,
): Tensor {
  const [width, height] = size;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let d = Infinity;
      for (let i = 1; i < line.length; i++) {
        d = Math.min(d, distance([x + 0.5, y + 0.5], line[i - 1], line[i]));
      }
      data[y * width + x] = Math.max(0, Math.min(1, thickness / 2 + 0.5 - d));
    }
  }
  return { data, shape: [height, width] };
}

/** A deterministic pseudo-random generator in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

interface Paint {
  /** RGBA of the paper at (x, y). */
  paper: (x: number, y: number) => number[];
  /** RGBA of the ink. */
  ink: number[];
}

/** Paints a coverage map as ink over paper, blending every channel. */
function paint(coverage: Tensor, { paper, ink }: Paint): RgbaImage {
  const [height, width] = coverage.shape;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = coverage.data[y * width + x];
      const under = paper(x, y);
      for (let k = 0; k < 4; k++) {
        data[(y * width + x) * 4 + k] = Math.round(
          under[k] + (ink[k] - under[k]) * c,
        );
      }
    }
  }
  return { width, height, data };
}

const WHITE_ON_BLACK: Paint = {
  paper: () => [0, 0, 0, 255],
  ink: [255, 255, 255, 255],
};

/** Light grey paper, darker to the right, with ±15 levels of noise. */
function noisyPaper(seed: number): Paint["paper"] {
  const next = random(seed);
  return (x) => {
    const grey = 215 - x / 40 + (next() - 0.5) * 30;
    return [grey, grey, grey * 0.95, 255];
  };
}

function grid(pixels: Float32Array): Tensor {
  return { data: pixels, shape: [28, 28] };
}

Deno.test("toMnistInput() scales the ink's longer side to 20 pixels and centres its mass on (14, 14)", () => {
  const cases: [string, [number, number], Point[], number][] = [
    ["a 7 off-centre on a 600×400 canvas", [600, 400], seven(40, 30, 300), 24],
    [
      "a tall 1 near the bottom right",
      [600, 400],
      [[520, 150], [540, 390]],
      30,
    ],
    ["a wide dash", [300, 200], [[20, 100], [260, 120]], 20],
    ["a tiny 7 (upscaled)", [60, 40], seven(5, 5, 12), 2],
  ];
  for (const [name, size, line, thickness] of cases) {
    const pixels = toMnistInput(
      paint(stroke(size, line, thickness), WHITE_ON_BLACK),
    );
    assertEquals(pixels.length, 784, name);
    assert(pixels.every((v) => v >= 0 && v <= 1), name);
    assertEquals(Math.max(...pixels), 1, name);
    const bounds = inkBounds(grid(pixels))!;
    const side = Math.max(
      bounds.right - bounds.left,
      bounds.bottom - bounds.top,
    );
    assert(side >= 19 && side <= 21, `${name}: longer side ${side}`);
    const centre = centreOfMass(grid(pixels));
    assertAlmostEquals(centre.x, 14, 1, name);
    assertAlmostEquals(centre.y, 14, 1, name);
  }
});

Deno.test("toMnistInput() reads dark ink on noisy paper as it reads white ink on black", () => {
  const coverage = stroke([600, 400], seven(300, 60, 280), 26);
  const clean = toMnistInput(paint(coverage, WHITE_ON_BLACK));
  const cases: [string, Paint][] = [
    ["blue-black ink on noisy paper", {
      paper: noisyPaper(7),
      ink: [30, 30, 60, 255],
    }],
    ["pencil-grey on noisy paper", {
      paper: noisyPaper(8),
      ink: [110, 110, 110, 255],
    }],
    ["chalk on a dark board", {
      paper: () => [40, 60, 50, 255],
      ink: [230, 230, 220, 255],
    }],
  ];
  for (const [name, look] of cases) {
    const pixels = toMnistInput(paint(coverage, look));
    assertEquals(inkBounds(grid(pixels)), inkBounds(grid(clean)), name);
    const diff = pixels.reduce((sum, v, i) => sum + Math.abs(v - clean[i]), 0);
    assertLess(diff / 784, 0.02, name);
  }
});

Deno.test("toMnistInput() reads a transparent canvas export by its alpha", () => {
  const coverage = stroke([280, 280], seven(60, 40, 200), 18);
  const clean = toMnistInput(paint(coverage, WHITE_ON_BLACK));
  const cases: [string, Paint][] = [
    ["black strokes on transparent", {
      paper: () => [0, 0, 0, 0],
      ink: [0, 0, 0, 255],
    }],
    ["white strokes on transparent", {
      paper: () => [255, 255, 255, 0],
      ink: [255, 255, 255, 255],
    }],
    ["black strokes on opaque white with see-through corners", {
      paper: (x, y) => [255, 255, 255, x + y < 3 ? 0 : 255],
      ink: [0, 0, 0, 255],
    }],
  ];
  for (const [name, look] of cases) {
    const pixels = toMnistInput(paint(coverage, look));
    const diff = pixels.reduce((sum, v, i) => sum + Math.abs(v - clean[i]), 0);
    assertLess(diff / 784, 0.01, name);
  }
});

Deno.test("toMnistInput() refuses a blank image (422, the client's) and a malformed one (a bug)", () => {
  const blank = (paper: Paint["paper"]) =>
    paint(stroke([90, 60], [], 0), { paper, ink: [0, 0, 0, 255] });
  const blanks = [
    blank(() => [255, 255, 255, 255]),
    blank(() => [0, 0, 0, 255]),
    blank(() => [0, 0, 0, 0]),
    blank(noisyPaper(3)),
  ];
  for (const image of blanks) {
    assertClientError(() => toMnistInput(image), 422, "nothing was drawn");
  }
  const errorCases: [RgbaImage, ErrorConstructor, string][] = [
    [
      { width: 0, height: 10, data: new Uint8Array(0) },
      TypeError,
      "positive integers",
    ],
    [
      { width: -2, height: 2, data: new Uint8Array(16) },
      TypeError,
      "positive integers",
    ],
    [
      { width: 2.5, height: 2, data: new Uint8Array(20) },
      TypeError,
      "positive integers",
    ],
    [
      { width: 2, height: 2, data: new Uint8Array(15) },
      TypeError,
      "needs 16 bytes, got 15",
    ],
    [
      {
        width: 2,
        height: 2,
        data: new Float32Array(16) as unknown as Uint8Array,
      },
      TypeError,
      "Uint8Array",
    ],
  ];
  for (const [image, ErrorClass, message] of errorCases) {
    assertThrows(() => toMnistInput(image), ErrorClass, message);
  }
});

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

Deno.test("centreOfMass() weights each pixel index by its intensity", () => {
  const cases: [number[], number, { x: number; y: number }][] = [
    [[0, 0, 0, 1], 2, { x: 1, y: 1 }],
    [[1, 0, 0, 3], 2, { x: 0.75, y: 0.75 }],
    [[0.5, 0, 0.5], 3, { x: 1, y: 0 }],
    [[1, 1, 0, 0, 0, 2], 2, { x: 0.75, y: 1 }],
  ];
  for (const [values, width, centre] of cases) {
    const tensor = {
      data: Float32Array.from(values),
      shape: [values.length / width, width],
    };
    assertEquals(centreOfMass(tensor), centre, `${values}`);
  }
  assertThrows(
    () => centreOfMass({ data: new Float32Array(4), shape: [2, 2] }),
    RangeError,
    "no ink",
  );
});

Deno.test("centreByMass() shifts the mass onto pixel (14, 14) and clips at the frame", () => {
  const dot = { data: Float32Array.of(0, 0, 0, 0.7), shape: [2, 2] };
  const framed = centreByMass(dot);
  assertEquals(framed.shape, [28, 28]);
  assertEquals(framed.data[14 * 28 + 14], Math.fround(0.7));
  assertEquals(framed.data.filter((v) => v > 0).length, 1);
  // a long bar with a heavy end: the light far end falls off the frame
  const bar = new Float32Array(40);
  bar.fill(0.1);
  bar[0] = 30;
  const clipped = centreByMass({ data: bar, shape: [1, 40] }, 28);
  // mass at x = 78 / 33.9 ≈ 2.3, so the shift is 12 and pixels 0–15 stay
  assertEquals(clipped.data[14 * 28 + 12], 30);
  assertEquals(clipped.data.filter((v) => v > 0).length, 16);
  assertEquals(centreByMass(dot, 8).shape, [8, 8]);
});

Deno.test("toMnistInput() keeps MNIST digits: 200 test images drawn 10× as ink on paper", async () => {
  const [images, labels] = await testImages();
  const weights = await bookWeights();
  const count = 200;
  const original = images.data.subarray(0, count * 784);
  const cases: [string, Paint, number][] = [
    // measured: 0.955 clean and 0.965 noisy, the originals 0.97
    ["black ink on white", {
      paper: () => [255, 255, 255, 255],
      ink: [0, 0, 0, 255],
    }, 0.92],
    ["dark ink on noisy paper", {
      paper: noisyPaper(11),
      ink: [40, 40, 50, 255],
    }, 0.92],
  ];
  for (const [name, look, bound] of cases) {
    const prepared = new Float32Array(count * 784);
    let distance = 0;
    for (let i = 0; i < count; i++) {
      const digit = original.subarray(i * 784, (i + 1) * 784);
      const pixels = toMnistInput(paint(upscale(digit, 10), look));
      prepared.set(pixels, i * 784);
      distance += pixels.reduce((sum, v, j) =>
        sum + Math.abs(v - digit[j]), 0) / 784;
    }
    const accuracy = (x: Float32Array) => {
      const y = predictMlp(weights, { data: x, shape: [count, 784] }).data;
      let right = 0;
      for (let i = 0; i < count; i++) {
        const row = Array.from(y.subarray(i * 10, i * 10 + 10));
        if (row.indexOf(Math.max(...row)) === labels.data[i]) right++;
      }
      return right / count;
    };
    assertGreaterOrEqual(accuracy(original), 0.95, name);
    assertGreaterOrEqual(accuracy(prepared), bound, name);
    // MNIST's own steps, redone: close to the original pixels (measured 0.016–0.02)
    assertLess(distance / count, 0.035, name);
  }
});

/** A 28×28 digit as a coverage map `factor` times larger, bilinear, with a margin. */
function upscale(digit: Float32Array, factor: number): Tensor {
  const [width, height] = [28 * factor + 40, 28 * factor + 60];
  const data = new Float32Array(width * height);
  const at = (x: number, y: number) =>
    x >= 0 && x < 28 && y >= 0 && y < 28 ? digit[y * 28 + x] : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = (x - 13) / factor - 0.5;
      const v = (y - 31) / factor - 0.5;
      const [x0, y0] = [Math.floor(u), Math.floor(v)];
      const [fx, fy] = [u - x0, v - y0];
      data[y * width + x] =
        (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) +
        fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
    }
  }
  return { data, shape: [height, width] };
}
