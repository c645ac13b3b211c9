/**
 * How often a drawing in progress is read: at most one reading on its way,
 * and the newest drawing the next one. On the device, once per animation
 * frame with a pen move; through the API at most once per THROTTLE_MS and
 * never while the previous request still travels (on a slow link, requests
 * sent meanwhile would only queue up behind it). The end of a stroke goes
 * at once (the reading before it is dropped). A drawing not yet sent replaces the
 * one before it. A stroke that ends where the last reading sent already
 * stood (no point since) is not read again: that reading is finished as
 * the stroke's (`finish`), and its answer shows at once.
 *
 * @module
 */

import type { Stroke } from "../../../lib/input/strokes.ts";

/**
 * While drawing through the API: at most one live request per model per this
 * many milliseconds, and never while the previous one is still travelling.
 */
export const THROTTLE_MS = 150;

/** Yields a drawing's strokes as they are when it is read. */
export type Read = () => Stroke[];

/** Options of {@linkcode createPacer}. */
export interface PacerOptions {
  /** Reads the drawing and asks; settles when the answer is in (or failed). */
  send(read: Read, final: boolean): Promise<unknown>;
  /** Whether predictions run on the device now. */
  onDevice(): boolean;
  /**
   * A stroke ended: whether the drawing as it is now is the one last sent —
   * its reading then counts as the finished stroke's, and nothing is sent.
   */
  finish?(read: Read): boolean;
}

/** The pace of a drawing's reads. */
export interface Pacer {
  /** The drawing changed; `final` when a stroke ended. */
  drew(read: Read, final: boolean): void;
  /** Whether a newer drawing waits to be read. */
  waiting(): boolean;
  /** Forgets the drawing not yet sent and any read waiting for its turn. */
  cancel(): void;
}

/** A pacer over `send`. */
export function createPacer(
  { send, onDevice, finish }: PacerOptions,
): Pacer {
  let pending: Read | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  let lastSent = -Infinity;
  /** The reading on its way, if any. */
  let travelling: Promise<unknown> | null = null;

  const stopWaiting = () => {
    if (timer !== null) clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
    timer = frame = null;
  };

  const cancel = () => {
    pending = null;
    stopWaiting();
  };

  /**
   * Sends the drawing waiting; a pen move waits for the reading on its way,
   * a stroke's end does not (that reading is dropped: the API's request
   * aborted, the device's answer not shown).
   */
  const flush = (final = false) => {
    const read = pending;
    if (!read || (travelling && !final)) return;
    cancel();
    lastSent = performance.now();
    const sent = send(read, final);
    travelling = sent;
    const arrived = () => {
      if (travelling !== sent) return;
      travelling = null;
      // the drawing changed while the answer travelled: read it again
      if (pending) schedule();
    };
    sent.then(arrived, arrived);
  };

  const throttle = () => {
    if (timer !== null) return;
    const wait = THROTTLE_MS - (performance.now() - lastSent);
    if (wait <= 0) flush();
    else {
      timer = setTimeout(() => {
        timer = null;
        flush();
      }, wait);
    }
  };

  const schedule = () => {
    if (onDevice()) {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        flush();
      });
    } else throttle();
  };

  return {
    drew(read, final) {
      if (final && finish?.(read)) return cancel();
      pending = read;
      if (final) flush(true);
      else schedule();
    },
    waiting: () => pending !== null,
    cancel,
  };
}
