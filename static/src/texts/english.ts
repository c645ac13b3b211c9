/**
 * English words that depend on how a number is read: "an 8", "an 11",
 * "an 18", "an 80", but "a 1", "a 100".
 *
 * @module
 */

/**
 * The indefinite article of a whole number as it is read aloud: "an" before
 * eight, eleven and eighteen (and their thousands: eleven thousand), "a"
 * before any other.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { article } from "./english.ts";
 *
 * assertEquals(article(8), "an");
 * assertEquals(article(7), "a");
 * assertEquals(article(18), "an");
 * ```
 */
export function article(value: number): "a" | "an" {
  const digits = String(Math.abs(Math.trunc(value)));
  if (digits.startsWith("8")) return "an";
  // 11 and 18 lead when the digits group into threes with two in front
  const lead = digits.length % 3 === 2 ? digits.slice(0, 2) : "";
  return lead === "11" || lead === "18" ? "an" : "a";
}

/** `value` after its article: `withArticle(8)` is "an 8". */
export function withArticle(value: number): string {
  return `${article(value)} ${value}`;
}
