/**
 * A prediction as the API sends it and the page shows it: per image the
 * digit, ten probabilities and any hidden layers asked for, as plain JSON
 * numbers. The server's routes and the page's device engine both turn a
 * session's tensors into answers here, so the two give the same numbers,
 * and every float32 the API sends is written as a JSON number here.
 *
 * @module
 */

import type { Prediction } from "./session.ts";

/** Powers of ten a double holds exactly: 10⁰ to 10²². */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `Number(value.toPrecision(9))` without the string: the 9 significant
 * digits as an integer (the value times an exact power of ten, rounded),
 * divided by that power — one correctly rounded division, so the same
 * double. Values near a rounding tie, or whose power of ten a double does
 * not hold exactly (below 1e-14 or from 1e9 up), NaN, ±Infinity and zero go
 * through `toPrecision` itself (tests/lib/tensor_test.ts checks both ways
 * agree); it spares the event loop a string per value.
 */
function nineDigits(value: number): number {
  const size = Math.abs(value);
  let k = 8 - Math.floor(Math.log10(size));
  if (!(k >= 0 && k <= 22)) return Number(value.toPrecision(9));
  let scaled = size * EXACT_POWERS[k];
  // log10 can miss by one next to a power of ten
  if (scaled < 99_999_999.5) scaled = size * EXACT_POWERS[++k];
  else if (scaled >= 999_999_999.5) scaled = size * EXACT_POWERS[--k];
  if (
    !(k >= 0 && k <= 22) ||
    Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6
  ) {
    return Number(value.toPrecision(9));
  }
  const rounded = Math.round(scaled) / EXACT_POWERS[k];
  return value < 0 ? -rounded : rounded;
}

/** Rounds float32 values to plain numbers for JSON (9 significant digits, enough to give back the same float32). */
export function toJsonNumbers(values: Float32Array): number[] {
  return Array.from(values, nineDigits);
}

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
