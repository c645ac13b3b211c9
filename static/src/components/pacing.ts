/**
 * How often a drawing in progress is read: at most one reading on its way,
 * and the newest drawing the next one. On the device, once per animation
 * frame with a pen move, and the end of a stroke as soon as the reading
 * before it is in; through the API at most once per THROTTLE_MS and never
 * while the previous request still travels (on a slow link, requests sent
 * meanwhile would only queue up behind it), the end of a stroke at once
 * (the request before it is aborted). A drawing not yet sent replaces the
 * one before it.
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
export function createPacer({ send, onDevice }: PacerOptions): Pacer {
  let pending: Read | null = null;
  /** Whether the drawing waiting is (or replaced) a finished stroke. */
  let pendingFinal = false;
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

  const flush = () => {
    const read = pending;
    if (!read) return;
    const final = pendingFinal;
    // the API's final reading goes at once: the request before it is aborted
    if (travelling && (onDevice() || !final)) return;
    pending = null;
    pendingFinal = false;
    stopWaiting();
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
    if (pendingFinal) flush();
    else if (onDevice()) {
      frame ??= requestAnimationFrame(() => {
        frame = null;
        flush();
      });
    } else throttle();
  };

  return {
    drew(read, final) {
      pending = read;
      pendingFinal ||= final;
      schedule();
    },
    waiting: () => pending !== null,
    cancel() {
      pending = null;
      pendingFinal = false;
      stopWaiting();
    },
  };
}
