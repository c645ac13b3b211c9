/**
 * A prediction as the API sends it and the page shows it: per image the
 * digit, ten probabilities and any hidden layers asked for, as plain JSON
 * numbers. The server's routes and the page's device engine both turn a
 * session's tensors into answers here, so the two give the same numbers.
 *
 * @module
 */

import type { Prediction } from "./session.ts";
import { toJsonNumbers } from "../tensor.ts";

/** One image's answer. */
export interface Answer {
  /** The predicted digit, 0–9. */
  digit: number;
  /** Ten probabilities, one per digit, summing to 1 (9 significant digits). */
  probabilities: number[];
  /** The hidden layers asked for (e.g. the MLP's a1, z1, a2, z2, a3), each one row. */
  activations?: Record<string, number[]>;
}

/** Row `i` of an N×width tensor's data, as JSON numbers. */
function rowOf(data: Float32Array, shape: number[], i: number): number[] {
  const width = shape.length > 1 ? shape[1] : data.length / shape[0];
  return toJsonNumbers(data.subarray(i * width, (i + 1) * width));
}

/**
 * The answer for image `i` of a prediction; `activations` only when the
 * prediction holds extra outputs.
 *
 * @throws {RangeError} When `i` is not an image of the prediction.
 */
export function answerOf(prediction: Prediction, i: number): Answer {
  const { probabilities, digits, outputs } = prediction;
  if (!Number.isInteger(i) || i < 0 || i >= digits.length) {
    throw new RangeError(
      `Cannot take answer ${i}: the prediction has images 0 to ${
        digits.length - 1
      }`,
    );
  }
  const names = Object.keys(outputs);
  const answer: Answer = {
    digit: digits[i],
    probabilities: rowOf(probabilities.data, probabilities.shape, i),
  };
  if (names.length > 0) {
    answer.activations = Object.fromEntries(
      names.map((name) => [
        name,
        rowOf(outputs[name].data, outputs[name].shape, i),
      ]),
    );
  }
  return answer;
}

/** Every image's answer, in order. */
export function answersOf(prediction: Prediction): Answer[] {
  return Array.from(prediction.digits, (_, i) => answerOf(prediction, i));
}
