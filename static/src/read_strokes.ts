/**
 * A drawing read as the networks read it: its strokes painted again on a
 * small canvas of its own, {@linkcode READ_SIZE} pixels a side, then put
 * through MNIST's preprocessing (lib/input/preprocess.ts) — never the pad
 * read back, whose side follows the screen. The canvas is made once per
 * thread (an OffscreenCanvas where there is one: the engine's worker reads
 * the page's strokes so) and its context opened once, for reading.
 *
 * @module
 */

import { ClientError } from "../../lib/errors.ts";
import type { RgbaImage } from "../../lib/input/preprocess.ts";
import { toMnistInput } from "../../lib/input/preprocess.ts";
import {
  type Point,
  renderStrokes,
  type Stroke,
} from "../../lib/input/strokes.ts";
import { type Context2D, paint } from "./components/paint.ts";

/**
 * The side of the canvas a drawing is read from: a digit's longer side
 * then spans about 80–100 pixels, 4–5 of them for each of the 20 MNIST
 * scales it to, as NIST's scans were for MNIST.
 */
export const READ_SIZE = 140;

/** A canvas the strokes are painted on to be read. */
export interface ReadingCanvas {
  /** Its side in pixels. */
  size: number;
  /** The strokes painted over fresh paper; `width` is the pen's share of the side. */
  image(strokes: readonly Stroke[], width?: number): RgbaImage;
}

/** A 2D context for reading, on an OffscreenCanvas or a page's canvas; null with neither. */
function openContext(size: number): Context2D | null {
  const options = { willReadFrequently: true };
  if (typeof OffscreenCanvas === "function") {
    return new OffscreenCanvas(size, size).getContext("2d", options);
  }
  if (typeof document === "object") {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    return canvas.getContext("2d", options) as CanvasRenderingContext2D | null;
  }
  return null;
}

/**
 * A reading canvas of `size` pixels. Without any canvas (a worker with no
 * OffscreenCanvas) the strokes are painted by lib/input/strokes.ts in plain
 * TypeScript, the same curves and pen.
 */
export function readingCanvas(size = READ_SIZE): ReadingCanvas {
  const context = openContext(size);
  return {
    size,
    image(strokes, width) {
      if (!context) return renderStrokes([...strokes], { size, width });
      paint(context, size, strokes, width);
      return context.getImageData(0, 0, size, size);
    },
  };
}

let shared: ReadingCanvas | undefined;

/** This thread's reading canvas, made at the first call. */
export function sharedCanvas(): ReadingCanvas {
  return shared ??= readingCanvas();
}

/** The network's 784 inputs for a drawing, or null when it holds no ink. */
export function readStrokes(
  strokes: readonly Stroke[],
  canvas: ReadingCanvas = sharedCanvas(),
): Float32Array | null {
  if (strokes.length === 0) return null;
  try {
    return toMnistInput(canvas.image(strokes));
  } catch (error) {
    if (error instanceof ClientError) return null; // no ink
    throw error;
  }
}

/** Strokes as two flat arrays: every point's x and y, and each stroke's length. */
export interface PackedStrokes {
  points: Float64Array<ArrayBuffer>;
  lengths: Uint32Array<ArrayBuffer>;
}

/**
 * Strokes packed into two typed arrays: posted to a worker they are moved
 * whole, where nested arrays are copied point by point.
 */
export function packStrokes(strokes: readonly Stroke[]): PackedStrokes {
  const lengths = Uint32Array.from(strokes, (stroke) => stroke.length);
  const points = new Float64Array(2 * lengths.reduce((a, b) => a + b, 0));
  let i = 0;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      points[i++] = x;
      points[i++] = y;
    }
  }
  return { points, lengths };
}

/** The strokes {@linkcode packStrokes} packed. */
export function unpackStrokes({ points, lengths }: PackedStrokes): Stroke[] {
  let i = 0;
  return Array.from(lengths, (length) =>
    Array.from({ length }, (): Point => {
      const point: Point = [points[i], points[i + 1]];
      i += 2;
      return point;
    }));
}
