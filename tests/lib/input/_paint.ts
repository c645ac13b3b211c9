/**
 * Pictures for the preprocessing tests: strokes as coverage maps, painted as
 * ink over paper.
 *
 * @module
 */

import type { RgbaImage } from "../../../lib/input/preprocess.ts";
import type { Tensor } from "../../../lib/tensor.ts";

/** A point in pixels. */
export type Point = [x: number, y: number];

/** A digit-like "7": a bar and a long diagonal, `size` pixels tall at (x, y). */
export function seven(x: number, y: number, size: number): Point[] {
  return [[x, y], [x + size * 0.6, y], [x + size * 0.2, y + size]];
}

/** Distance from p to the segment a–b. */
export function distance(p: Point, a: Point, b: Point): number {
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
export function stroke(
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
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

export interface Paint {
  /** RGBA of the paper at (x, y). */
  paper: (x: number, y: number) => number[];
  /** RGBA of the ink. */
  ink: number[];
}

/** Paints a coverage map as ink over paper, blending every channel. */
export function paint(coverage: Tensor, { paper, ink }: Paint): RgbaImage {
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

export const WHITE_ON_BLACK: Paint = {
  paper: () => [0, 0, 0, 255],
  ink: [255, 255, 255, 255],
};

/** Light grey paper, darker to the right, with ±15 levels of noise. */
export function noisyPaper(seed: number): Paint["paper"] {
  const next = random(seed);
  return (x) => {
    const grey = 215 - x / 40 + (next() - 0.5) * 30;
    return [grey, grey, grey * 0.95, 255];
  };
}
