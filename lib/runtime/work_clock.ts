/**
 * Load shedding by time, for the networks' thread: how many milliseconds of
 * computing are already promised to admitted requests, from each model's
 * measured cost per image. Work that would wait longer than the limit before
 * its own turn is refused at once (a 503 with Retry-After), instead of
 * running until the request's time limit stops it — when every request in a
 * queue would miss its deadline, all the computing spent on them is lost.
 *
 * @module
 */

import { ServerBusy } from "../errors.ts";
import { QUEUE_LIMIT_MS } from "../limits.ts";

/** What one run cost: images and the network's milliseconds (Prediction.runMs). */
export interface RunCost {
  images: number;
  runMs: number;
}

/** Admits work while the queue of computing ahead of it is short enough. */
export interface WorkClock {
  /** Milliseconds of computing promised to admitted work now. */
  readonly pendingMs: number;
  /** The estimated cost of one image of a model, in ms (0 until it has run). */
  msPerImage(model: string): number;
  /**
   * Admits `images` of `model`, or refuses them when they would end past the
   * limit: their own computing plus, of each piece of work ahead (which takes
   * turns with them, piece by piece), as much as theirs. Work that finds the
   * queue empty is always admitted, whatever its size.
   *
   * @returns Gives the work's share back; call it once the work has ended.
   * @throws {ServerBusy} When the work does not fit now.
   */
  admit(model: string, images: number): () => void;
  /** Updates a model's cost per image from a run it made. */
  observe(model: string, cost: RunCost): void;
}

/** Options of {@linkcode createWorkClock}. */
export interface WorkClockOptions {
  /** The most milliseconds of computing promised at once (`QUEUE_LIMIT_MS` of lib/limits.ts by default). */
  limitMs?: number;
  /** The weight of each new run in the moving average of the cost (default 0.2). */
  smoothing?: number;
}

/**
 * A clock shared by the models that compute on one thread.
 *
 * @throws {RangeError} When `limitMs` is not positive or `smoothing` not in (0, 1].
 */
export function createWorkClock(options: WorkClockOptions = {}): WorkClock {
  const { limitMs = QUEUE_LIMIT_MS, smoothing = 0.2 } = options;
  if (!(limitMs > 0) || !(smoothing > 0 && smoothing <= 1)) {
    throw new RangeError(
      `Cannot make a work clock: limitMs must be positive and smoothing in (0, 1], got ${limitMs} and ${smoothing}`,
    );
  }
  const perImage = new Map<string, number>();
  /** The estimated computing of each piece of work admitted and not ended. */
  const admitted = new Set<{ ms: number }>();
  const pending = () => {
    let ms = 0;
    for (const work of admitted) ms += work.ms;
    return ms;
  };
  const msPerImage = (model: string) => perImage.get(model) ?? 0;
  return {
    get pendingMs() {
      return pending();
    },
    msPerImage,
    admit(model, images) {
      const ms = images * msPerImage(model);
      // large work runs in pieces that take turns on the thread: new work of
      // `ms` ends after its own computing plus, of each piece of work ahead,
      // as much as its own (a small request does not wait for a large one)
      let wait = ms;
      for (const other of admitted) wait += Math.min(other.ms, ms);
      if (admitted.size > 0 && wait > limitMs) {
        const pendingMs = pending();
        const seconds = Math.max(1, Math.ceil(pendingMs / 1000));
        throw new ServerBusy(
          `The server is busy computing other requests (about ${
            Math.ceil(pendingMs / 100) / 10
          } s of work ahead): try again in ${seconds} s, or send a smaller batch`,
          { retryAfterSeconds: seconds },
        );
      }
      const work = { ms };
      admitted.add(work);
      return () => {
        admitted.delete(work);
      };
    },
    observe(model, { images, runMs }) {
      if (!(images > 0 && runMs >= 0)) return;
      const cost = runMs / images;
      const before = perImage.get(model);
      perImage.set(
        model,
        before === undefined ? cost : before + smoothing * (cost - before),
      );
    },
  };
}
