/**
 * The book's batch loop: run the test set through a session batch by batch
 * and collect every image's predicted digit.
 *
 * @module
 */

import type { Session } from "../infer/mod.ts";
import { pixelRows, type Pixels } from "../input/mod.ts";
import { CLASSES, type Tensor } from "../tensor.ts";

/** Options of {@linkcode evaluate}. */
export interface EvaluateOptions {
  session: Session;
  /** N×784 checked pixels in [0, 1]. */
  images: Pixels;
  /** Images per `session.run` (the book uses 100). */
  batchSize?: number;
  /** Called after each batch with the number of images done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Predicted digits and probabilities of every image. */
export interface Evaluation {
  digits: Uint8Array;
  /** N×10 probabilities. */
  probabilities: Tensor;
}

/**
 * Predicts every image, `batchSize` at a time, as the book's
 * `for i in range(0, len(x), batch_size)` loop does.
 *
 * @throws {RangeError} When `batchSize` is not a positive integer.
 */
export async function evaluate(options: EvaluateOptions): Promise<Evaluation> {
  const { session, images, batchSize = 100, onProgress } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `Cannot evaluate: batch size must be a positive integer, got ${batchSize}`,
    );
  }
  const total = images.shape[0];
  const digits = new Uint8Array(total);
  const probabilities = new Float32Array(total * CLASSES);
  for (let start = 0; start < total; start += batchSize) {
    const batch = pixelRows(images, start, start + batchSize);
    const prediction = await session.predict(batch);
    digits.set(prediction.digits, start);
    probabilities.set(prediction.probabilities.data, start * CLASSES);
    onProgress?.(start + batch.shape[0], total);
  }
  return {
    digits,
    probabilities: { data: probabilities, shape: [total, CLASSES] },
  };
}

/** Counts the images whose predicted digit equals the label. */
export function countCorrect(
  digits: ArrayLike<number>,
  labels: ArrayLike<number>,
): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    if (digits[i] === labels[i]) correct++;
  }
  return correct;
}
