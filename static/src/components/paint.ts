/**
 * Paints strokes on a canvas the way the pad shows them: dark ink on white
 * paper, round caps and joins, quadratic curves through the midpoints (the
 * same curve lib/input/strokes.ts flattens for the calibration).
 *
 * @module
 */

import { PEN_WIDTH, type Stroke } from "../../../lib/input/strokes.ts";

/** The paper and the ink. */
export const PAPER = "#ffffff";
export const INK = "#1b1e24";

/** Paints `strokes` over fresh paper; `width` is the pen's share of the side. */
export function paint(
  canvas: HTMLCanvasElement,
  strokes: Stroke[],
  width = PEN_WIDTH,
): void {
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return;
  const size = canvas.width;
  context.fillStyle = PAPER;
  context.fillRect(0, 0, size, canvas.height);
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
