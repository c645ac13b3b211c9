/**
 * How often a drawing in progress is read: on the device once per animation
 * frame with a pen move; through the API at most once per THROTTLE_MS and
 * never while the previous request still travels (on a slow link, requests
 * sent meanwhile would only queue up behind it). The end of a stroke goes at
 * once. Only the newest drawing is kept: a drawing not yet sent replaces the
 * one before it.
 *
 * @module
 */

/**
 * While drawing through the API: at most one live request per model per this
 * many milliseconds, and never while the previous one is still travelling.
 */
export const THROTTLE_MS = 150;

/** Yields a drawing's 784 pixels, or null when the pad holds no ink. */
export type Read = () => ArrayLike<number> | null;

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
  /** Forgets the drawing not yet sent and any read waiting for its turn. */
  cancel(): void;
}

/** A pacer over `send`. */
export function createPacer({ send, onDevice }: PacerOptions): Pacer {
  let pending: Read | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  let lastSent = -Infinity;
  /** The request travelling through the API, if any. */
  let travelling: Promise<unknown> | null = null;

  const stopWaiting = () => {
    if (timer !== null) clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
    timer = frame = null;
  };

  const flush = (final: boolean) => {
    const read = pending;
    if (!read) return;
    const device = onDevice();
    if (!device && travelling && !final) return;
    pending = null;
    stopWaiting();
    lastSent = performance.now();
    const sent = send(read, final);
    if (device) return;
    travelling = sent;
    const arrived = () => {
      if (travelling !== sent) return;
      travelling = null;
      // the drawing changed while the answer travelled: ask again
      if (pending) throttle();
    };
    sent.then(arrived, arrived);
  };

  const throttle = () => {
    if (timer !== null) return;
    const wait = THROTTLE_MS - (performance.now() - lastSent);
    if (wait <= 0) flush(false);
    else {
      timer = setTimeout(() => {
        timer = null;
        flush(false);
      }, wait);
    }
  };

  return {
    drew(read, final) {
      pending = read;
      if (final) flush(true);
      else if (onDevice()) {
        frame ??= requestAnimationFrame(() => {
          frame = null;
          flush(false);
        });
      } else throttle();
    },
    cancel() {
      pending = null;
      stopWaiting();
    },
  };
}
