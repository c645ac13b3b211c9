/**
 * The pad's ink, kept outside Preact's state: the strokes as point lists in
 * canvas units (so undo can repaint and a resize keeps them), the pointer
 * drawing the current stroke, and the canvas painted from them — at most
 * once a frame while the pen moves (only the stroke's new pieces), all of
 * it at once when the strokes change.
 *
 * @module
 */

import {
  type Point,
  type Stroke,
  strokeBounds,
} from "../../../lib/input/strokes.ts";
import { paint, paintPieces } from "./paint.ts";

/** The strokes on one canvas (what the page may ask of the pad, too). */
export class Ink {
  /** The pointer drawing the current stroke, or null between strokes. */
  pointer: number | null = null;
  /** Where the canvas is on the screen while a stroke is drawn (measured at its start). */
  box: DOMRect | null = null;
  #strokes: Stroke[] = [];
  #canvas: HTMLCanvasElement | null = null;
  #context: CanvasRenderingContext2D | null = null;
  #frame: number | null = null;
  /** The strokes painted, and the pieces of the last one. */
  #painted = { strokes: 0, pieces: 0 };
  #counted: (strokes: number) => void;

  /** `counted` hears how many strokes there are whenever that changes. */
  constructor(counted: (strokes: number) => void) {
    this.#counted = counted;
  }

  /** The strokes drawn, in canvas units (0–1 from the top left). */
  strokes(): Stroke[] {
    return this.#strokes;
  }

  /**
   * Paints on `canvas` from now on. Its context is opened once, for
   * painting only: the drawing is read from the strokes (read_strokes.ts),
   * never from this canvas.
   */
  attach(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
    this.#context = canvas.getContext("2d");
  }

  /** Paints every stroke now. */
  repaint() {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
    if (!this.#canvas || !this.#context) return;
    paint(this.#context, this.#canvas.width, this.#strokes);
    this.#painted = { strokes: this.#strokes.length, pieces: Infinity };
  }

  /**
   * Paints what the pen added to the stroke under way since the last
   * paint, when that is all that changed; else every stroke.
   */
  #paintNew() {
    const strokes = this.#strokes;
    const last = strokes[strokes.length - 1];
    const { pieces } = this.#painted;
    if (
      !this.#canvas || !this.#context || this.pointer === null ||
      this.#painted.strokes !== strokes.length || !Number.isFinite(pieces)
    ) {
      this.repaint();
      if (this.pointer !== null) this.#painted.pieces = last.length - 2;
      return;
    }
    this.#painted.pieces = paintPieces(
      this.#context,
      this.#canvas.width,
      last,
      pieces,
    );
  }

  /** Paints the pen's new ink at the next frame (once, however often asked). */
  schedule() {
    this.#frame ??= requestAnimationFrame(() => {
      this.#frame = null;
      this.#paintNew();
    });
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
    this.box = null;
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
