/**
 * Every string a language's texts can make: the plain strings, and each
 * function called with sample arguments of the shapes the page passes.
 *
 * @module
 */

import { OFFLINE } from "../../../../static/src/offline.ts";
import { type Lang, TEXTS } from "../../../../static/src/texts/mod.ts";

const guess = (digit: number) => ({ digit, probability: 0.4 });

/** Argument lists tried on each function: those that throw are skipped. */
const SAMPLES: unknown[][] = [
  [3, 5, 0.5, 7, 2],
  [0, 100, 1000],
  ["MLP", 8, 0.9],
  ["DeepConvNet", 6, 0.25],
  ["MLP", guess(4), guess(9), 0.3],
  [OFFLINE],
  ["label: a digit from 0 to 9"],
];

/** Every string `lang`'s texts make with the sample arguments. */
export function stringsOf(lang: Lang): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value);
    else if (typeof value === "function") {
      for (const args of SAMPLES) {
        try {
          out.push(String(value(...args)));
        } catch { /* not this function's arguments */ }
      }
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(walk);
    }
  };
  walk(TEXTS[lang]);
  return out;
}
