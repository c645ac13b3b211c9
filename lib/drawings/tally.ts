/**
 * How the networks do on readers' drawings: per label, and per model the
 * number read right and the confusion matrix, from counters that each
 * drawing moves by one when it comes and when it goes.
 *
 * @module
 */

/** What the store keeps of a drawing to count it: its label and each model's digit. */
export interface DrawingSummary {
  /** The digit the reader meant, 0–9. */
  label: number;
  /** Each model's answer (0–9), by model name. */
  digits: Record<string, number>;
  /** When the drawing expires, in milliseconds since the epoch. */
  expiresAt: number;
}

/** One model's score on readers' drawings. */
export interface ModelScore {
  /** Drawings this model has read (all of them, unless it came later). */
  count: number;
  /** Drawings it read as their label. */
  correct: number;
  /** `correct / count`, or null before the first drawing. */
  accuracy: number | null;
  /** 10×10: row the label, column the model's answer. */
  confusion: number[][];
}

/** The scores of every model on every stored drawing. */
export interface DrawingStats {
  /** Stored drawings. */
  count: number;
  /** Drawings per label, 0 to 9. */
  labels: number[];
  /** Each model's score, by name. */
  models: Record<string, ModelScore>;
}

/**
 * A counter of drawings: all of them (`["count"]`), those of one label
 * (`["label", label]`), or those of one label that a model read as one digit
 * (`["model", name, label, digit]`, a cell of its confusion matrix).
 */
export type Counter =
  | readonly ["count"]
  | readonly ["label", number]
  | readonly ["model", string, number, number];

/** The counters a drawing adds one to: the total, its label, a cell per model. */
export function countersOf({ label, digits }: DrawingSummary): Counter[] {
  return [
    ["count"],
    ["label", label],
    ...Object.entries(digits).map(([model, digit]): Counter => [
      "model",
      model,
      label,
      digit,
    ]),
  ];
}

function square(): number[][] {
  return Array.from({ length: 10 }, () => Array(10).fill(0));
}

/**
 * Counters read back, turned into scores: {@linkcode Tally.add} each
 * counter's value, then {@linkcode Tally.stats}.
 *
 * @example Two drawings, one read right
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { countersOf, Tally } from "./tally.ts";
 *
 * const tally = new Tally();
 * for (const [label, digit] of [[7, 7], [4, 9]]) {
 *   const summary = { label, digits: { mlp: digit }, expiresAt: 0 };
 *   for (const counter of countersOf(summary)) tally.add(counter, 1);
 * }
 * const stats = tally.stats(["mlp"]);
 * assertEquals(stats.count, 2);
 * assertEquals(stats.models.mlp.accuracy, 0.5);
 * assertEquals(stats.models.mlp.confusion[4][9], 1);
 * ```
 */
export class Tally {
  #count = 0;
  #labels: number[] = Array(10).fill(0);
  #confusion = new Map<string, number[][]>();

  /**
   * Adds `n` to a counter.
   *
   * @throws {RangeError} When a label or digit is not a whole number 0–9.
   */
  add(counter: Counter, n: number): void {
    const digits = counter.slice(counter[0] === "model" ? 2 : 1) as number[];
    for (const digit of digits) {
      if (!(Number.isInteger(digit) && digit >= 0 && digit <= 9)) {
        throw new RangeError(
          `Cannot count drawings: ${digit} in ${
            JSON.stringify(counter)
          } is not a digit 0–9`,
        );
      }
    }
    if (counter[0] === "count") this.#count += n;
    else if (counter[0] === "label") this.#labels[counter[1]] += n;
    else {
      const [, model, label, digit] = counter;
      let confusion = this.#confusion.get(model);
      if (!confusion) this.#confusion.set(model, confusion = square());
      confusion[label][digit] += n;
    }
  }

  /**
   * The scores, with an entry for each of `models` (at least; models met in
   * the counters come too), copied so that later additions leave them alone.
   */
  stats(models: readonly string[] = []): DrawingStats {
    const names = new Set([...models, ...this.#confusion.keys()]);
    const scores: Record<string, ModelScore> = {};
    for (const name of names) {
      const confusion = (this.#confusion.get(name) ?? square()).map((row) => [
        ...row,
      ]);
      const count = confusion.flat().reduce((a, b) => a + b, 0);
      const correct = confusion.reduce((sum, row, i) => sum + row[i], 0);
      scores[name] = {
        count,
        correct,
        accuracy: count ? correct / count : null,
        confusion,
      };
    }
    return {
      count: this.#count,
      labels: [...this.#labels],
      models: scores,
    };
  }
}
