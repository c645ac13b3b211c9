/**
 * A drawing read on the device: its strokes go to the engine's worker, the
 * shown model's answer comes first. While the pen moves only that model
 * reads (the other one waits for the stroke's end; before any answer is on
 * the page both do); a finished stroke gets both. A stroke that ends where
 * the reading on its way (or just in) already stood is not read again: that
 * reading is finished as the stroke's, its answer shown at once.
 *
 * @module
 */

import type { Stroke } from "../../../lib/input/strokes.ts";
import type { ModelName } from "../api.ts";
import {
  completeReading,
  type EarlyAnswer,
  readDrawing,
} from "../predictions.ts";
import { DRAWING, type Panel, type Timed, timed } from "./panel.ts";
import type { PredictionEvent } from "./prediction_state.ts";

/** A reading of a drawing on the device, which a stroke's end can finish. */
export interface DeviceReading {
  /** The input's number (the panel's newest while no other input began). */
  readonly n: number;
  /** The drawing it reads ({@linkcode strokesSignature}). */
  readonly signature: string;
  /** Makes it the finished stroke's reading: its answer shows now or as it arrives. */
  finish(): void;
  /** Settles when its answers are on the page (or it failed, or went stale). */
  readonly settled: Promise<void>;
}

/**
 * What tells two states of one drawing apart: strokes only grow while the
 * pen moves (Undo and Clear come as other inputs), so their number, the last
 * one's length and its last point.
 */
export function strokesSignature(strokes: readonly Stroke[]): string {
  const last = strokes.at(-1);
  const point = last?.at(-1);
  return `${strokes.length}:${last?.length ?? 0}:${point?.join(",")}`;
}

type Early = Extract<PredictionEvent, { type: "early" }>;

/** Options of {@linkcode readOnDevice}. */
export interface DeviceReadOptions {
  /** Whether the stroke has ended. */
  final: boolean;
  /** The model the page shows large: it reads first. */
  first: ModelName;
  /** Whether a newer drawing waits to be read. */
  waiting(): boolean;
}

/** Reads `strokes` on the device for `panel`'s newest input. */
export function readOnDevice(
  panel: Panel,
  strokes: Stroke[],
  options: DeviceReadOptions,
): DeviceReading {
  const { n, signal } = panel.latest.begin();
  const start = performance.now();
  let final = options.final;
  /** The shown model's answer, once in: held while the pen moves. */
  let early: Early | null = null;
  let finalShown = false;
  /** Whether the other model was not asked (the pen still moving). */
  let skipped = false;
  let done = false;

  const fail = (error: unknown) => panel.fail(n, error);
  const answer = (read: Timed | null) =>
    void (read && panel.answer(n, final, DRAWING, read));
  const showFinal = () => {
    if (!early || finalShown || !panel.latest.is(n)) return;
    finalShown = true;
    panel.dispatch({ ...early, final: true });
  };
  // the stroke ended after the other model was left out: ask it now
  const other = () => {
    if (!early || !panel.latest.is(n)) return Promise.resolve();
    skipped = false;
    const { input, found } = early;
    return timed(completeReading(input as Float32Array, found), start)
      .then(answer, fail);
  };
  const heard = (found: EarlyAnswer, input: Float32Array) => {
    if (!panel.latest.is(n)) return;
    early = { type: "early", n, final: false, input, found };
    if (final) showFinal();
  };
  const stale = () => {
    skipped = panel.answered && (!final || options.waiting());
    return skipped;
  };
  const settle = (read: Timed | null): Promise<void> | void => {
    done = true;
    if (read) return answer(read);
    if (!panel.latest.is(n)) return;
    // no ink at all
    if (!early) return panel.clear();
    if (final) return skipped && !options.waiting() ? other() : showFinal();
    panel.dispatch(early);
  };
  const reading = readDrawing(strokes, {
    first: options.first,
    signal,
    early: heard,
    stale,
  });
  const settled = timed(reading, start).then(settle, fail);
  return {
    n,
    signature: strokesSignature(strokes),
    settled,
    finish() {
      if (final) return;
      final = true;
      showFinal();
      if (done && skipped) void other();
    },
  };
}
