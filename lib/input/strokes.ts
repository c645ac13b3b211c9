/**
 * Drawings as strokes (point lists in canvas units, as the page's pad keeps
 * them) and their rendering to RGBA, the way the pad's canvas paints them:
 * round caps and joins, quadratic curves through the midpoints.
 *
 * @module
 */

import type { RgbaImage } from "./preprocess.ts";

/** A point in canvas units: x and y in [0, 1] from the top left. */
export type Point = [x: number, y: number];

/** One stroke of the pen: the points it passed, in order. */
export type Stroke = Point[];

/** The pad's pen width as a fraction of the canvas side: a thick marker. */
export const PEN_WIDTH = 0.075;

/** Options of {@linkcode renderStrokes}. */
export interface RenderOptions {
  /** The side of the square image in pixels; 320 (the pad's size) by default. */
  size?: number;
  /** The pen's width as a fraction of the side; {@linkcode PEN_WIDTH} by default. */
  width?: number;
}

/** The polyline a stroke's curve follows, flattened from its quadratic pieces. */
export function strokePath(stroke: Stroke, steps = 6): Point[] {
  if (stroke.length < 3) return stroke.slice();
  const points: Point[] = [stroke[0]];
  let [cx, cy] = stroke[0];
  for (let i = 1; i < stroke.length - 1; i++) {
    const [x, y] = stroke[i];
    const [nx, ny] = stroke[i + 1];
    const [ex, ey] = [(x + nx) / 2, (y + ny) / 2];
    for (let k = 1; k <= steps; k++) {
      const t = k / steps;
      const u = 1 - t;
      points.push([
        u * u * cx + 2 * u * t * x + t * t * ex,
        u * u * cy + 2 * u * t * y + t * t * ey,
      ]);
    }
    [cx, cy] = [ex, ey];
  }
  points.push(stroke[stroke.length - 1]);
  return points;
}

/**
 * Paints strokes in dark ink on white paper, anti-aliased, as the page's pad
 * does: each stroke a round-capped line of the pen's width, a single point a
 * dot. Returns a `size`×`size` RGBA image.
 *
 * @throws {RangeError} When `size` is not a positive integer or `width` not in (0, 1].
 */
export function renderStrokes(
  strokes: Stroke[],
  options: RenderOptions = {},
): RgbaImage {
  const { size = 320, width = PEN_WIDTH } = options;
  if (!Number.isInteger(size) || size <= 0) {
    throw new RangeError(
      `Cannot render strokes: size must be a positive integer, got ${size}`,
    );
  }
  if (!(width > 0 && width <= 1)) {
    throw new RangeError(
      `Cannot render strokes: the pen width must be in (0, 1], got ${width}`,
    );
  }
  const cover = new Float32Array(size * size);
  const radius = width * size / 2;
  for (const stroke of strokes) {
    const path = strokePath(stroke).map(([x, y]) => [x * size, y * size]);
    if (path.length === 1) path.push(path[0]);
    for (let i = 0; i < path.length - 1; i++) {
      segment(cover, size, path[i], path[i + 1], radius);
    }
  }
  // ink #1b1e24 over white, as the pad paints it
  const ink = [0x1b, 0x1e, 0x24];
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const c = cover[i];
    for (let k = 0; k < 3; k++) {
      data[i * 4 + k] = Math.round(255 + (ink[k] - 255) * c);
    }
    data[i * 4 + 3] = 255;
  }
  return { width: size, height: size, data };
}

/** Adds a capsule (a segment widened by `radius`) to the coverage map. */
function segment(
  cover: Float32Array,
  size: number,
  [ax, ay]: number[],
  [bx, by]: number[],
  radius: number,
): void {
  const left = Math.max(0, Math.floor(Math.min(ax, bx) - radius - 1));
  const right = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + radius + 1));
  const top = Math.max(0, Math.floor(Math.min(ay, by) - radius - 1));
  const bottom = Math.min(size - 1, Math.ceil(Math.max(ay, by) + radius + 1));
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      // the pixel's centre, its nearest point on the segment, the distance
      const px = x + 0.5 - ax;
      const py = y + 0.5 - ay;
      const t = length2 > 0
        ? Math.min(1, Math.max(0, (px * dx + py * dy) / length2))
        : 0;
      const d = Math.hypot(px - t * dx, py - t * dy);
      const c = Math.min(1, Math.max(0, radius + 0.5 - d));
      const i = y * size + x;
      if (c > cover[i]) cover[i] = c;
    }
  }
}

/**
 * The smallest box around the ink of strokes drawn with a pen `width` wide,
 * in canvas units, and its longer side (the drawing's extent); undefined for
 * no strokes.
 */
export function strokeBounds(
  strokes: Stroke[],
  width = PEN_WIDTH,
):
  | { left: number; top: number; right: number; bottom: number; extent: number }
  | undefined {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (!(left <= right)) return undefined;
  const r = width / 2;
  [left, top, right, bottom] = [left - r, top - r, right + r, bottom + r];
  return {
    left,
    top,
    right,
    bottom,
    extent: Math.max(right - left, bottom - top),
  };
}

/**
 * Strokes turned by `degrees` (clockwise on screen) about the centre of their
 * points' bounding box; points that leave the canvas are kept as they are.
 */
export function rotateStrokes(strokes: Stroke[], degrees: number): Stroke[] {
  const box = strokeBounds(strokes, 0);
  if (!box || degrees === 0) return strokes.map((s) => s.slice());
  const cx = (box.left + box.right) / 2;
  const cy = (box.top + box.bottom) / 2;
  const angle = degrees * Math.PI / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  return strokes.map((stroke) =>
    stroke.map(([x, y]): Point => [
      cx + (x - cx) * cos - (y - cy) * sin,
      cy + (x - cx) * sin + (y - cy) * cos,
    ])
  );
}
