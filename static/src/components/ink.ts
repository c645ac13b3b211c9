/**
 * The pad's ink, kept outside Preact's state: the strokes as point lists in
 * canvas units (so undo can repaint and a resize keeps them), the pointer
 * drawing the current stroke, and the canvas painted from them — at most
 * once a frame while the pen moves, at once when the strokes change.
 *
 * @module
 */

import { ClientError } from "../../../lib/errors.ts";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import {
  type Point,
  type Stroke,
  strokeBounds,
} from "../../../lib/input/strokes.ts";
import { paint } from "./paint.ts";

/** The strokes on one canvas (what the page may ask of the pad, too). */
export class Ink {
  /** The pointer drawing the current stroke, or null between strokes. */
  pointer: number | null = null;
  #strokes: Stroke[] = [];
  #canvas: HTMLCanvasElement | null = null;
  #frame: number | null = null;
  #counted: (strokes: number) => void;

  /** `counted` hears how many strokes there are whenever that changes. */
  constructor(counted: (strokes: number) => void) {
    this.#counted = counted;
  }

  /** The strokes drawn, in canvas units (0–1 from the top left). */
  strokes(): Stroke[] {
    return this.#strokes;
  }

  /** The side of the canvas's backing store in pixels. */
  size(): number {
    return this.#canvas?.width ?? 320;
  }

  /** Paints on `canvas` from now on. */
  attach(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
  }

  /** Paints every stroke now. */
  repaint() {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
    if (this.#canvas) paint(this.#canvas, this.#strokes);
  }

  /** Paints every stroke at the next frame (once, however often asked). */
  schedule() {
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = null;
      this.repaint();
    });
  }

  /** The network's 784 inputs from the canvas, or null without ink. */
  read(): Float32Array | null {
    const canvas = this.#canvas;
    if (!canvas || this.#strokes.length === 0) return null;
    if (this.#frame !== null) this.repaint();
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    try {
      return toMnistInput(image);
    } catch (error) {
      if (error instanceof ClientError) return null; // no ink
      throw error;
    }
  }

  /** Starts a stroke at `point` with pointer `id`, unless one is under way. */
  begin(id: number, point: Point): boolean {
    if (this.pointer !== null) return false;
    this.pointer = id;
    this.#strokes = [...this.#strokes, [point]];
    this.#counted(this.#strokes.length);
    this.schedule();
    return true;
  }

  /** Adds points to the stroke of pointer `id`; false for another pointer. */
  extend(id: number, points: Point[]): boolean {
    if (id !== this.pointer) return false;
    this.#strokes[this.#strokes.length - 1].push(...points);
    this.schedule();
    return true;
  }

  /** Ends the stroke of pointer `id`; false for another pointer. */
  end(id: number): boolean {
    if (id !== this.pointer) return false;
    this.pointer = null;
    this.repaint();
    return true;
  }

  /** Takes the last stroke back, unless one is under way or there is none. */
  undo(): boolean {
    if (this.pointer !== null || this.#strokes.length === 0) return false;
    this.replace(this.#strokes.slice(0, -1));
    return true;
  }

  /** Sets the strokes (and the pointer of one under way), and paints them. */
  replace(strokes: Stroke[], pointer: number | null = null) {
    this.#strokes = strokes;
    this.pointer = pointer;
    this.#counted(strokes.length);
    this.repaint();
  }

  /** Wipes every stroke. */
  wipe() {
    this.replace([]);
  }

  /** The longer side of the ink's box as a fraction of the canvas, or undefined. */
  extent(): number | undefined {
    return strokeBounds(this.#strokes)?.extent;
  }
}
