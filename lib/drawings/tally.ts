/**
 * How the networks do on readers' drawings: per label, and per model the
 * number read right and the confusion matrix, kept up to date as drawings
 * come and go.
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

function square(): number[][] {
  return Array.from({ length: 10 }, () => Array(10).fill(0));
}

/**
 * A running count of drawings: {@linkcode Tally.add} and
 * {@linkcode Tally.remove} move it, {@linkcode Tally.stats} reads it.
 *
 * @example
 * ```ts
 * import { Tally } from "./tally.ts";
 * const tally = new Tally();
 * tally.add({ label: 7, digits: { mlp: 7 }, expiresAt: 0 });
 * tally.add({ label: 4, digits: { mlp: 9 }, expiresAt: 0 });
 * tally.stats(["mlp"]).models.mlp.accuracy; // 0.5
 * ```
 */
export class Tally {
  #count = 0;
  #labels: number[] = Array(10).fill(0);
  #confusion = new Map<string, number[][]>();

  /** How many drawings are counted. */
  get count(): number {
    return this.#count;
  }

  /** Counts a drawing in. */
  add(summary: DrawingSummary): void {
    this.#move(summary, 1);
  }

  /** Counts a drawing out (one that was added). */
  remove(summary: DrawingSummary): void {
    this.#move(summary, -1);
  }

  #move({ label, digits }: DrawingSummary, step: 1 | -1) {
    this.#count += step;
    this.#labels[label] += step;
    for (const [model, digit] of Object.entries(digits)) {
      let confusion = this.#confusion.get(model);
      if (!confusion) this.#confusion.set(model, confusion = square());
      confusion[label][digit] += step;
    }
  }

  /**
   * The scores, with an entry for each of `models` (at least; models met in
   * the drawings come too), copied so that later moves leave them alone.
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
