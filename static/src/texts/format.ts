/**
 * Numbers as the page writes them in every language.
 *
 * @module
 */

/** A percentage with one decimal, e.g. `0.91198` → `"91.2%"`. */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * A gap between two probabilities in percentage points, e.g. `0.406` →
 * `"40.6"` (one decimal unless `digits` says otherwise).
 */
export function points(gap: number, digits = 1): string {
  return (gap * 100).toFixed(digits);
}

/** One formatter for every count (`toLocaleString` makes one a call). */
const COUNT = new Intl.NumberFormat("en-US");

/** A count with thousands separators, e.g. `10000` → `"10,000"`. */
export function count(value: number): string {
  return COUNT.format(value);
}

/** A duration as the engine line shows it: one decimal under 10 ms, else whole milliseconds. */
export function duration(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** Bytes in megabytes (10⁶) with one decimal, e.g. `2_547_000` → `"2.5 MB"`. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
