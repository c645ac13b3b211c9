/**
 * The work waiting for the networks' thread: dynamic batching, as Triton's
 * dynamic batcher does it (concurrent requests wait in a queue for a short
 * window and run as one session.predict), and load shedding by time (the
 * work clock: work that would wait past its limit is refused at once).
 *
 * @module
 */

import { clearImmediate, setImmediate } from "node:timers";
import type { Prediction, Session } from "../infer/mod.ts";
import { joinPixels, type Pixels } from "../input/pixels.ts";
import { CLASSES } from "../tensor.ts";
import { ServerBusy } from "../errors.ts";
import { QUEUE_LIMIT_MS } from "../limits.ts";

/** How requests are coalesced; see {@linkcode createBatcher}. */
export interface BatchingOptions {
  /** The most images in one session run (default 64). 1 disables batching. */
  maxBatchSize?: number;
  /**
   * How long the first request of a batch waits for others, in milliseconds.
   * 0 (the default) runs the batch on the next turn of the event loop, once
   * the requests that have already arrived have joined it, or, while a run is
   * going, as soon as it ends; a negative value disables batching.
   */
  windowMs?: number;
}

/** Options of {@linkcode createBatcher}. */
export interface BatcherOptions extends BatchingOptions {
  /** The session that runs the batches. */
  session: Session;
}

/** Predicts through a shared queue; safe to call concurrently. */
export interface Batcher {
  /**
   * Predicts N images (N×784 pixels in [0, 1]), sharing a session run with
   * the requests that arrive within the same window.
   */
  predict(pixels: Pixels): Promise<Prediction>;
  /** Whether requests are coalesced (false when disabled by the options). */
  readonly enabled: boolean;
  /** Session runs so far and the images they held (mean batch = images / runs). */
  stats(): { runs: number; images: number };
}

/** Default of {@linkcode BatchingOptions.maxBatchSize}. */
export const DEFAULT_MAX_BATCH_SIZE = 64;
/**
 * Default of {@linkcode BatchingOptions.windowMs}: the next turn of the event
 * loop when no run is going, or else the end of the run (continuous batching:
 * the requests that arrive while the session computes in its worker are the
 * next batch). A timer window would leave the server idle once every waiting
 * client has joined the batch, while a run already gathers the next batch
 * for as long as it takes; see docs/BENCHMARKS.md ("The batching window").
 */
export const DEFAULT_WINDOW_MS = 0;

interface Waiting {
  pixels: Pixels;
  resolve(prediction: Prediction): void;
  reject(error: unknown): void;
}

/**
 * Coalesces concurrent `predict` calls into session runs of at most
 * `maxBatchSize` images. The first request of a batch starts the window; the
 * batch runs when the window ends or when it is full. Each caller
 * gets its own rows; a failed run rejects only the callers of that batch. The
 * pixels were checked where they were read (`lib/input/pixels.ts`), not again here.
 *
 * @throws {RangeError} When `maxBatchSize` is not a positive integer or
 * `windowMs` is not a number.
 */
export function createBatcher(options: BatcherOptions): Batcher {
  const {
    session,
    maxBatchSize = DEFAULT_MAX_BATCH_SIZE,
    windowMs = DEFAULT_WINDOW_MS,
  } = options;
  checkBatching(maxBatchSize, windowMs);
  const enabled = maxBatchSize > 1 && windowMs >= 0;
  let queue: Waiting[] = [];
  let queuedRows = 0;
  let cancel: (() => void) | undefined;
  let runs = 0;
  let images = 0;
  let inFlight = 0;

  function counted(pixels: Pixels): Promise<Prediction> {
    runs++;
    images += pixels.shape[0];
    inFlight++;
    const prediction = session.predict(pixels);
    const done = () => {
      inFlight--;
      // the requests that came while the run was going form the next batch
      if (windowMs === 0 && queue.length > 0 && inFlight === 0) flush();
    };
    prediction.then(done, done);
    return prediction;
  }

  function schedule(): void {
    if (windowMs === 0) {
      const immediate = setImmediate(flush);
      cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(flush, windowMs);
      cancel = () => clearTimeout(timer);
    }
  }

  function flush(): void {
    cancel?.();
    cancel = undefined;
    const batch = queue;
    queue = [];
    queuedRows = 0;
    if (batch.length === 1) {
      const [only] = batch;
      counted(only.pixels).then(only.resolve, only.reject);
    } else if (batch.length > 1) {
      counted(joinPixels(batch.map((w) => w.pixels))).then(
        (prediction) => share(prediction, batch),
        (error) => batch.forEach((waiting) => waiting.reject(error)),
      );
    }
  }

  return {
    enabled,
    stats: () => ({ runs, images }),
    async predict(pixels) {
      const rows = pixels.shape[0];
      if (!enabled || rows >= maxBatchSize) return await counted(pixels);
      // a request that does not fit closes the batch before it
      if (queuedRows + rows > maxBatchSize) flush();
      const result = new Promise<Prediction>((resolve, reject) => {
        queue.push({ pixels, resolve, reject });
      });
      queuedRows += rows;
      if (queuedRows === maxBatchSize) flush();
      else if (cancel === undefined && (windowMs > 0 || inFlight === 0)) {
        schedule();
      }
      return await result;
    },
  };
}

/** @throws {RangeError} When the options cannot batch (see {@linkcode createBatcher}). */
function checkBatching(maxBatchSize: number, windowMs: number): void {
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new RangeError(
      `Cannot batch: maxBatchSize must be a positive integer, got ${maxBatchSize}`,
    );
  }
  if (Number.isNaN(windowMs)) {
    throw new RangeError("Cannot batch: windowMs must be a number, got NaN");
  }
}

/** Gives each caller of a batch its own rows of the batch's prediction. */
function share(prediction: Prediction, batch: readonly Waiting[]): void {
  const { probabilities, digits } = prediction;
  let start = 0;
  for (const waiting of batch) {
    const end = start + waiting.pixels.shape[0];
    waiting.resolve({
      probabilities: {
        data: probabilities.data.slice(start * CLASSES, end * CLASSES),
        shape: [end - start, CLASSES],
      },
      digits: digits.slice(start, end),
      outputs: {},
      // the run each caller shared, for its statistics
      inputMs: prediction.inputMs,
      runMs: prediction.runMs,
      outputMs: prediction.outputMs,
      batchImages: digits.length,
    });
    start = end;
  }
}

/**
 * Reads the batching options from the environment: `BATCH_MAX_SIZE` (images
 * per run) and `BATCH_WINDOW_MS` (milliseconds; -1 disables).
 *
 * @param env Looks up a variable, e.g. `(name) => Deno.env.get(name)`.
 * @throws {RangeError} When a variable is set but is not a number.
 */
export function batchingFromEnv(
  env: (name: string) => string | undefined,
): BatchingOptions {
  const options: BatchingOptions = {};
  const read = (name: string): number | undefined => {
    const text = env(name)?.trim();
    if (!text) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `Cannot read ${name}: a number expected, got ${JSON.stringify(text)}`,
      );
    }
    return value;
  };
  const maxBatchSize = read("BATCH_MAX_SIZE");
  const windowMs = read("BATCH_WINDOW_MS");
  if (maxBatchSize !== undefined) options.maxBatchSize = maxBatchSize;
  if (windowMs !== undefined) options.windowMs = windowMs;
  return options;
}

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
