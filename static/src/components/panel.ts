/**
 * The prediction panel's side of the asking: each input numbered (only the
 * newest one's answers go on the page; older requests are aborted), and
 * the events the reducer (prediction_state.ts) hears for it.
 *
 * @module
 */

import type { Reading } from "../predictions.ts";
import type { PredictionEvent, Source, Timing } from "./prediction_state.ts";

/** Numbers the inputs asked about; the newest one's requests can be aborted. */
export class Latest {
  #n = 0;
  #controller: AbortController | null = null;

  /** Starts the next input, aborting the one before. */
  begin(): { n: number; signal: AbortSignal } {
    this.cancel();
    this.#controller = new AbortController();
    return { n: this.#n, signal: this.#controller.signal };
  }

  /** Whether `n` is still the newest input. */
  is(n: number): boolean {
    return n === this.#n;
  }

  /** Aborts the newest input's requests: no input is live. */
  cancel() {
    this.#controller?.abort();
    this.#controller = null;
    this.#n++;
  }
}

export const DRAWING: Source = { kind: "drawing" };

/** A reading with where and how long it took since `start` (null: no ink, or stale). */
export async function timed(
  asking: Promise<Reading | null>,
  start = performance.now(),
): Promise<{ found: Reading; timing: Timing } | null> {
  const found = await asking;
  if (!found) return null;
  return {
    found,
    timing: { where: found.where, ms: performance.now() - start },
  };
}

/** What failed, unless it was an input replaced by a newer one. */
export function failure(error: unknown): PredictionEvent | null {
  if (error instanceof DOMException && error.name === "AbortError") return null;
  const message = error instanceof Error ? error.message : String(error);
  return { type: "failed", message };
}

/** The panel's events as the asking goes: each input numbered, the newest's kept. */
export class Panel {
  readonly latest = new Latest();
  /** Whether both models' answers are on the page. */
  answered = false;
  constructor(readonly dispatch: (event: PredictionEvent) => void) {}

  clear() {
    this.answered = false;
    this.dispatch({ type: "cleared" });
  }

  fail(n: number, error: unknown) {
    const event = failure(error);
    if (event && this.latest.is(n)) this.dispatch(event);
  }

  /** Both answers for input `n`, if it is still the newest. */
  answer(n: number, final: boolean, source: Source, read: Timed) {
    if (!this.latest.is(n)) return;
    const { found: { input, ...found }, timing } = read;
    this.dispatch({ type: "answered", n, final, input, source, found, timing });
    this.answered = true;
  }
}

export type Timed = { found: Reading; timing: Timing };
