/**
 * The evaluation report: accuracy, confusion matrix, per-digit precision and
 * recall, and the misclassified images, computed from labels and predictions.
 *
 * @module
 */

import { CLASSES } from "../tensor.ts";

/** Precision and recall of one digit over the test set. */
export interface DigitScore {
  digit: number;
  /** Test images with this label. */
  count: number;
  /** Of the images predicted as this digit, the fraction that are it (0–1). */
  precision: number;
  /** Of the images of this digit, the fraction predicted as it (0–1). */
  recall: number;
}

/** A test image the network got wrong. */
export interface Misclassified {
  index: number;
  label: number;
  prediction: number;
}

/** What `scripts/evaluate.ts` writes to `model/report.json`. */
export interface Report {
  model: string;
  dataset: string;
  accuracy: number;
  correct: number;
  total: number;
  batchSize: number;
  /** confusion[label][prediction]: counts, 10×10. */
  confusion: number[][];
  perDigit: DigitScore[];
  misclassified: Misclassified[];
  /** Wall-clock seconds the evaluation took (varies run to run). */
  seconds: number;
}

/** Options of {@linkcode buildReport}. */
export interface ReportOptions {
  model: string;
  /** The true digits, one per image. */
  labels: ArrayLike<number>;
  /** The predicted digits, one per image. */
  digits: ArrayLike<number>;
  batchSize: number;
  seconds: number;
  dataset?: string;
}

/**
 * Builds the report from labels and predictions.
 *
 * @throws {TypeError} When labels and digits differ in length or are empty.
 * @throws {RangeError} When a label or digit is not 0–9.
 */
export function buildReport(options: ReportOptions): Report {
  const { labels, digits } = options;
  if (labels.length !== digits.length || labels.length === 0) {
    throw new TypeError(
      `Cannot build report: ${labels.length} labels and ${digits.length} predictions`,
    );
  }
  const confusion = Array.from(
    { length: CLASSES },
    () => new Array(CLASSES).fill(0),
  );
  const misclassified: Misclassified[] = [];
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    const prediction = digits[index];
    if (!(label >= 0 && label <= 9 && prediction >= 0 && prediction <= 9)) {
      throw new RangeError(
        `Cannot build report: image ${index} has label ${label} and prediction ${prediction}, digits 0–9 expected`,
      );
    }
    confusion[label][prediction]++;
    if (label !== prediction) misclassified.push({ index, label, prediction });
  }
  const correct = labels.length - misclassified.length;
  const perDigit = confusion.map((row, digit) => {
    const count = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((sum, r) => sum + r[digit], 0);
    return {
      digit,
      count,
      precision: predicted ? row[digit] / predicted : 0,
      recall: count ? row[digit] / count : 0,
    };
  });
  return {
    model: options.model,
    dataset: options.dataset ?? "MNIST test set (t10k)",
    accuracy: correct / labels.length,
    correct,
    total: labels.length,
    batchSize: options.batchSize,
    confusion,
    perDigit,
    misclassified,
    seconds: options.seconds,
  };
}
