/**
 * Drawings as a visitor makes them on the pad, in canvas units: digits, and
 * scribbles that are not digits (lines, dots, crosses, letters, circles of
 * random size and place). The calibration of the "unsure" state
 * (scripts/calibrate_doubt.ts) and the browser tests draw them; a seed makes
 * every run the same.
 *
 * @module
 */

import type { Point, Stroke } from "../../lib/input/mod.ts";

/** The kinds of scribble. */
export const SCRIBBLE_KINDS = [
  "line",
  "dot",
  "cross",
  "letter",
  "circle",
] as const;

/** A kind of scribble. */
export type ScribbleKind = typeof SCRIBBLE_KINDS[number];

/** One scribble: its kind, a short name and its strokes in canvas units. */
export interface Scribble {
  kind: ScribbleKind;
  name: string;
  strokes: Stroke[];
}

/** An ellipse from the top, counter-clockwise, overlapping its start a little; a hand leans its top to the right. */
function oval(cx: number, cy: number, rx: number, ry: number): Stroke {
  return Array.from({ length: 40 }, (_, i): Point => {
    const angle = -Math.PI / 2 - i / 36 * 2 * Math.PI;
    const tilt = 0.06 * Math.sin(angle);
    return [cx + rx * Math.cos(angle) - tilt * ry, cy + ry * Math.sin(angle)];
  });
}

/** Digits as a hand draws them, each read right by both networks. */
export const DIGITS: Record<string, Stroke[]> = {
  "1": [polyline([[0.54, 0.16], [0.52, 0.4], [0.49, 0.64], [0.47, 0.85]], 6)],
  "0": [oval(0.5, 0.5, 0.2, 0.33)],
  "7": [
    polyline([
      [0.27, 0.2],
      [0.5, 0.19],
      [0.72, 0.18],
      [0.66, 0.34],
      [0.57, 0.52],
      [0.5, 0.68],
      [0.45, 0.85],
    ], 6),
  ],
};

/** A small seeded generator of numbers in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Points along straight pieces through `via`, `n` points a piece. */
export function polyline(via: Point[], n = 8): Stroke {
  const points: Stroke = [];
  for (let i = 0; i < via.length - 1; i++) {
    const [x0, y0] = via[i];
    const [x1, y1] = via[i + 1];
    for (let k = 0; k < n; k++) {
      points.push([x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n]);
    }
  }
  return [...points, via[via.length - 1]];
}

/** An ellipse from its top, a full turn and a little more, as a hand closes it. */
export function ellipse(
  cx: number,
  cy: number,
  rx: number,
  ry: number,
): Stroke {
  return Array.from({ length: 40 }, (_, i): Point => {
    const angle = -Math.PI / 2 - i / 36 * 2 * Math.PI;
    return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
  });
}

/** Capital letters that no one reads as a digit, as strokes in a unit box. */
const LETTERS: Record<string, Point[][]> = {
  A: [[[0, 1], [0.5, 0], [1, 1]], [[0.25, 0.55], [0.75, 0.55]]],
  C: [[[0.95, 0.15], [0.6, 0], [0.2, 0.1], [0, 0.5], [0.2, 0.9], [0.6, 1], [
    0.95,
    0.85,
  ]]],
  E: [[[1, 0], [0, 0], [0, 1], [1, 1]], [[0, 0.5], [0.8, 0.5]]],
  F: [[[1, 0], [0, 0], [0, 1]], [[0, 0.5], [0.8, 0.5]]],
  H: [[[0, 0], [0, 1]], [[1, 0], [1, 1]], [[0, 0.5], [1, 0.5]]],
  K: [[[0, 0], [0, 1]], [[1, 0], [0, 0.55], [1, 1]]],
  M: [[[0, 1], [0, 0], [0.5, 0.6], [1, 0], [1, 1]]],
  N: [[[0, 1], [0, 0], [1, 1], [1, 0]]],
  R: [[[0, 1], [0, 0], [0.8, 0.05], [0.9, 0.3], [0.7, 0.5], [0, 0.5], [
    1,
    1,
  ]]],
  T: [[[0, 0], [1, 0]], [[0.5, 0], [0.5, 1]]],
  U: [[[0, 0], [0, 0.7], [0.2, 0.95], [0.5, 1], [0.8, 0.95], [1, 0.7], [
    1,
    0,
  ]]],
  V: [[[0, 0], [0.5, 1], [1, 0]]],
  W: [[[0, 0], [0.25, 1], [0.5, 0.3], [0.75, 1], [1, 0]]],
  Y: [[[0, 0], [0.5, 0.5], [1, 0]], [[0.5, 0.5], [0.5, 1]]],
};

/** The letters {@linkcode scribbles} draws. */
export const LETTER_NAMES = Object.keys(LETTERS);

/** Options of {@linkcode scribbles}. */
export interface ScribbleOptions {
  /** How many of each kind; 100 by default. */
  perKind?: number;
  /** The seed; 1 by default. */
  seed?: number;
}

/** The random hand that draws the scribbles. */
interface Pen {
  rand: () => number;
  between: (a: number, b: number) => number;
  jitter: (stroke: Stroke, amount: number) => Stroke;
}

/**
 * Scribbles of every kind: lines no steeper than 50° from the horizontal
 * (steeper ones are 1s), dots (one to three taps close together), crosses
 * (× and +), the letters of {@linkcode LETTER_NAMES}, and circles with radii
 * from 4% to 40% of the canvas, all at random places and sizes with a hand's
 * jitter.
 */
export function scribbles(options: ScribbleOptions = {}): Scribble[] {
  const { perKind = 100, seed = 1 } = options;
  const rand = random(seed);
  const between = (a: number, b: number) => a + (b - a) * rand();
  const jitter = (stroke: Stroke, amount: number): Stroke =>
    stroke.map(([x, y]) => [
      Math.min(1, Math.max(0, x + between(-amount, amount))),
      Math.min(1, Math.max(0, y + between(-amount, amount))),
    ]);
  const pen: Pen = { rand, between, jitter };
  const out: Scribble[] = [];
  for (let i = 0; i < perKind; i++) {
    out.push(
      lineScribble(pen),
      dotScribble(pen),
      crossScribble(pen),
      letterScribble(pen, i),
      circleScribble(pen),
    );
  }
  return out;
}

/** A scribble of kind "line": a line. */
function lineScribble(pen: Pen): Scribble {
  const { between, jitter } = pen;
  const length = between(0.25, 0.8);
  const angle = between(-50, 50) * Math.PI / 180;
  const [cx, cy] = [between(0.3, 0.7), between(0.3, 0.7)];
  const [dx, dy] = [
    Math.cos(angle) * length / 2,
    Math.sin(angle) * length / 2,
  ];
  return {
    kind: "line",
    name: `line ${Math.round(angle * 180 / Math.PI)}°`,
    strokes: [
      jitter(polyline([[cx - dx, cy - dy], [cx + dx, cy + dy]]), 0.004),
    ],
  };
}

/** A scribble of kind "dot": a dot: one to three taps. */
function dotScribble(pen: Pen): Scribble {
  const { rand, between } = pen;
  const taps = 1 + Math.floor(rand() * 3);
  const [tx, ty] = [between(0.2, 0.8), between(0.2, 0.8)];
  return {
    kind: "dot",
    name: `${taps} tap${taps > 1 ? "s" : ""}`,
    strokes: Array.from({ length: taps }, (): Stroke => [[
      tx + between(-0.03, 0.03),
      ty + between(-0.03, 0.03),
    ]]),
  };
}

/** A scribble of kind "cross": a cross, × or +. */
function crossScribble(pen: Pen): Scribble {
  const { rand, between, jitter } = pen;
  const half = between(0.12, 0.38);
  const [xx, xy] = [between(0.4, 0.6), between(0.4, 0.6)];
  const plus = rand() < 0.5;
  const arms: Point[][] = plus
    ? [[[xx - half, xy], [xx + half, xy]], [[xx, xy - half], [xx, xy + half]]]
    : [[[xx - half, xy - half], [xx + half, xy + half]], [
      [xx + half, xy - half],
      [xx - half, xy + half],
    ]];
  return {
    kind: "cross",
    name: plus ? "+" : "×",
    strokes: arms.map((arm) => jitter(polyline(arm), 0.004)),
  };
}

/** A scribble of kind "letter": a letter. */
function letterScribble(pen: Pen, i: number): Scribble {
  const { between, jitter } = pen;
  const letter = LETTER_NAMES[i % LETTER_NAMES.length];
  const height = between(0.35, 0.75);
  const width = height * between(0.6, 0.9);
  const [lx, ly] = [
    between(0.05, 0.95 - width),
    between(0.05, 0.95 - height),
  ];
  return {
    kind: "letter",
    name: letter,
    strokes: LETTERS[letter].map((piece) =>
      jitter(
        polyline(piece.map(([u, v]) => [lx + u * width, ly + v * height])),
        0.004,
      )
    ),
  };
}

/** A scribble of kind "circle": a circle. */
function circleScribble(pen: Pen): Scribble {
  const { between, jitter } = pen;
  const radius = between(0.04, 0.4);
  const [ox, oy] = [
    between(radius + 0.05, 0.95 - radius),
    between(radius + 0.05, 0.95 - radius),
  ];
  return {
    kind: "circle",
    name: `circle r=${radius.toFixed(2)}`,
    strokes: [
      jitter(ellipse(ox, oy, radius, radius * between(0.9, 1.1)), 0.003),
    ],
  };
}
