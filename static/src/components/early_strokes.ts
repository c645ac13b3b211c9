/**
 * The hand-over between static/early.js, which records the strokes drawn
 * before the page's script has hydrated it, and the pad, which takes them on.
 *
 * @module
 */

import type { Stroke } from "../../../lib/input/strokes.ts";

/** What static/early.js leaves on `globalThis.earlyPad` while it records. */
export interface EarlyPad {
  /** The strokes drawn so far, in canvas units. */
  strokes: Stroke[];
  /** The pointer of the stroke under way, or null. */
  pointer: number | null;
  /** Stops recording (the pad takes over) and returns what was drawn. */
  stop(): { strokes: Stroke[]; pointer: number | null };
}

declare global {
  var earlyPad: EarlyPad | undefined;
}

/** Stops static/early.js and returns its strokes (none when it never ran). */
export function takeEarlyStrokes(): {
  strokes: Stroke[];
  pointer: number | null;
} {
  const early = globalThis.earlyPad;
  globalThis.earlyPad = undefined;
  return early ? early.stop() : { strokes: [], pointer: null };
}
