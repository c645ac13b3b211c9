/**
 * Dynamic batching, as Triton's dynamic batcher does it: concurrent requests
 * wait in a queue for a short window and run as one session.predict.
 *
 * @module
 */

import { clearImmediate, setImmediate } from "node:timers";
import type { Prediction, Session } from "../infer/mod.ts";
import { joinPixels, type Pixels } from "../input/mod.ts";
import { CLASSES } from "../tensor.ts";

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
