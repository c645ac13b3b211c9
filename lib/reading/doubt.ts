/**
 * When a reading should not be trusted: a softmax output is not a measure of
 * certainty (a horizontal line reads as "4, 98%"), so the page says "unsure"
 * on evidence it can check: the two networks disagree, the top two answers
 * are close, the drawing is a dot, or it is far wider than a digit. The
 * thresholds are calibrated by scripts/calibrate_doubt.ts.
 *
 * @module
 */

/** Why a reading is doubtful, most telling first. */
export type DoubtReason = "little-ink" | "too-wide" | "disagree" | "close-call";

/** The verdict of {@linkcode doubt}. */
export interface Doubt {
  /** Whether the page should say it is unsure. */
  unsure: boolean;
  /** Every reason found, in the order of {@linkcode DoubtReason}. */
  reasons: DoubtReason[];
}

/** What {@linkcode doubt} weighs. */
export interface DoubtInput {
  /**
   * Each network's ten probabilities (its softmax output) by model name, e.g.
   * `{ mlp: [...], "deep-cnn": [...] }`; one or more.
   */
  readings: Record<string, ArrayLike<number>>;
  /** The networks' input: 784 values in [0, 1], row-major 28×28. */
  pixels: ArrayLike<number>;
  /**
   * For a drawing: the longer side of its ink's box on the canvas, as a
   * fraction of the canvas side (0–1). Unknown for a test image.
   */
  extent?: number;
}

/**
 * The least gap between a network's two highest probabilities for a clear
 * reading, by model. Each sits near the 5th percentile of the model's gaps on
 * the MNIST test set (the MLP's is 0.25, the DeepConvNet's 0.51): the
 * DeepConvNet, trained with dropout, spreads its probabilities more.
 */
export const MIN_MARGINS: Record<string, number> = {
  mlp: 0.3,
  "deep-cnn": 0.5,
};

/** The gap bar of a model that {@linkcode MIN_MARGINS} does not name. */
export const DEFAULT_MIN_MARGIN = 0.3;

/**
 * The widest ink box, width over height in the 28×28 input, that passes: 1.6.
 * Of the 10,000 MNIST test digits 34 are wider (the widest is 2.0).
 */
export const MAX_ASPECT = 1.6;

/**
 * The smallest drawing, as a fraction of the canvas side, that passes: 0.2.
 * With the pad's pen (7.5% of the side) anything smaller is a dot or a blot.
 */
export const MIN_EXTENT = 0.2;

/** A pixel at or above this level counts as ink for {@linkcode inkAspect}. */
export const INK_LEVEL = 0.3;

/**
 * The gap between the two highest of ten probabilities (0–1).
 *
 * @throws {TypeError} When there are fewer than two values.
 */
export function margin(probabilities: ArrayLike<number>): number {
  if (probabilities.length < 2) {
    throw new TypeError(
      `Cannot compare answers: two or more probabilities needed, got ${probabilities.length}`,
    );
  }
  let first = -Infinity;
  let second = -Infinity;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (p > first) [first, second] = [p, first];
    else if (p > second) second = p;
  }
  return first - second;
}

/** The index of the highest probability: the network's answer. */
export function answerOf(probabilities: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) {
    if (probabilities[i] > probabilities[best]) best = i;
  }
  return best;
}

/**
 * The width over the height of the box around the ink (pixels at or above
 * {@linkcode INK_LEVEL}) of a 28×28 input; 1 when there is no ink.
 *
 * @throws {TypeError} When `pixels` does not hold 784 values.
 */
export function inkAspect(pixels: ArrayLike<number>): number {
  if (pixels.length !== 784) {
    throw new TypeError(
      `Cannot measure the ink: 784 pixels expected, got ${pixels.length}`,
    );
  }
  let left = 28;
  let right = -1;
  let top = 28;
  let bottom = -1;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      if (pixels[y * 28 + x] < INK_LEVEL) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return right < 0 ? 1 : (right - left + 1) / (bottom - top + 1);
}

/**
 * Whether a reading is doubtful, and why: the ink is a dot (`extent` below
 * {@linkcode MIN_EXTENT}), far wider than tall (above {@linkcode MAX_ASPECT}),
 * the networks give different answers, or a network's two best answers are
 * closer than its {@linkcode MIN_MARGINS}.
 *
 * @throws {TypeError} When no reading is given or the pixels are not 784.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { doubt } from "./doubt.ts";
 *
 * const pixels = new Float32Array(784);
 * for (let y = 4; y < 24; y++) pixels[y * 28 + 14] = 1; // a bar: a 1
 * const one = [0.01, 0.95, 0.01, 0.01, 0.01, 0.01, 0, 0, 0, 0];
 * assertEquals(doubt({ readings: { mlp: one }, pixels }).unsure, false);
 * const torn = [0, 0.48, 0, 0, 0, 0, 0, 0.52, 0, 0];
 * assertEquals(doubt({ readings: { mlp: torn }, pixels }).reasons, ["close-call"]);
 * ```
 */
export function doubt(input: DoubtInput): Doubt {
  const names = Object.keys(input.readings);
  if (names.length === 0) {
    throw new TypeError("Cannot weigh a reading: no network's answer given");
  }
  const reasons: DoubtReason[] = [];
  if (input.extent !== undefined && input.extent < MIN_EXTENT) {
    reasons.push("little-ink");
  }
  if (inkAspect(input.pixels) > MAX_ASPECT) reasons.push("too-wide");
  const answers = new Set(names.map((n) => answerOf(input.readings[n])));
  if (answers.size > 1) reasons.push("disagree");
  const close = names.some((name) =>
    margin(input.readings[name]) <
      (Object.hasOwn(MIN_MARGINS, name)
        ? MIN_MARGINS[name]
        : DEFAULT_MIN_MARGIN)
  );
  if (close) reasons.push("close-call");
  return { unsure: reasons.length > 0, reasons };
}
