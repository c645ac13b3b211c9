/**
 * Paints strokes on a canvas the way the pad shows them: dark ink on white
 * paper, round caps and joins, quadratic curves through the midpoints (the
 * same curve lib/input/strokes.ts flattens for the calibration). The pad, the
 * lab and the reading canvas of static/src/read_strokes.ts (in a worker too)
 * all paint here.
 *
 * @module
 */

import { PEN_WIDTH, type Stroke } from "../../../lib/input/strokes.ts";

/** The paper and the ink. */
export const PAPER = "#ffffff";
export const INK = "#1b1e24";

/** A 2D context on a page's canvas or on an OffscreenCanvas (in a worker). */
export type Context2D =
  | CanvasRenderingContext2D
  | OffscreenCanvasRenderingContext2D;

/**
 * Paints `strokes` over fresh paper on a square `size`×`size` context;
 * `width` is the pen's share of the side.
 */
export function paint(
  context: Context2D,
  size: number,
  strokes: readonly Stroke[],
  width = PEN_WIDTH,
): void {
  context.fillStyle = PAPER;
  context.fillRect(0, 0, size, size);
  context.strokeStyle = context.fillStyle = INK;
  context.lineWidth = width * size;
  context.lineCap = context.lineJoin = "round";
  for (const stroke of strokes) {
    const [[x0, y0]] = stroke;
    context.beginPath();
    if (stroke.length === 1) {
      context.arc(x0 * size, y0 * size, context.lineWidth / 2, 0, 2 * Math.PI);
      context.fill();
      continue;
    }
    context.moveTo(x0 * size, y0 * size);
    for (let i = 1; i < stroke.length - 1; i++) {
      const [x, y] = stroke[i];
      const [nx, ny] = stroke[i + 1];
      context.quadraticCurveTo(
        x * size,
        y * size,
        (x + nx) / 2 * size,
        (y + ny) / 2 * size,
      );
    }
    const [xn, yn] = stroke[stroke.length - 1];
    context.lineTo(xn * size, yn * size);
    context.stroke();
  }
}

/**
 * Paints the pieces of a stroke under way that follow piece `after` (a
 * piece: the curve from one midpoint to the next, round-capped, so pieces
 * painted apart join as one line), up to the last the points complete.
 * Returns the last piece painted. The pad paints a stroke so while the pen
 * moves, and all of it with {@linkcode paint} once it ends.
 */
export function paintPieces(
  context: Context2D,
  size: number,
  stroke: Stroke,
  after: number,
  width = PEN_WIDTH,
): number {
  const last = stroke.length - 2;
  if (last <= after) return after;
  context.strokeStyle = INK;
  context.lineWidth = width * size;
  context.lineCap = context.lineJoin = "round";
  context.beginPath();
  for (let i = Math.max(1, after + 1); i <= last; i++) {
    const [[px, py], [x, y], [nx, ny]] = [
      stroke[i - 1],
      stroke[i],
      stroke[i + 1],
    ];
    const [sx, sy] = i === 1 ? [px, py] : [(px + x) / 2, (py + y) / 2];
    context.moveTo(sx * size, sy * size);
    context.quadraticCurveTo(
      x * size,
      y * size,
      (x + nx) / 2 * size,
      (y + ny) / 2 * size,
    );
  }
  context.stroke();
  return last;
}
