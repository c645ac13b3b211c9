/**
 * The page's languages and how one is chosen: `?lang=` first, then the
 * browser's Accept-Language, then English.
 *
 * @module
 */

/** The languages, in the order the chooser offers them. */
export const LANGS = ["ko", "en", "ja"] as const;

/** A language the page is written in. */
export type Lang = typeof LANGS[number];

/** The localStorage key under which the client remembers the visitor's choice. */
export const LANG_STORAGE_KEY = "digits-lang";

/** Whether a string names one of the page's languages. */
export function isLang(value: unknown): value is Lang {
  return LANGS.includes(value as Lang);
}

/**
 * Picks the page's language: a valid `query` (`?lang=ko|en|ja`) wins; otherwise
 * the language Accept-Language rates highest, English on a tie.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pickLang } from "./lang.ts";
 *
 * assertEquals(pickLang({ acceptLanguage: "ko-KR,ko;q=0.9,en;q=0.8" }), "ko");
 * assertEquals(pickLang({ query: "en", acceptLanguage: "ko" }), "en");
 * assertEquals(pickLang({ acceptLanguage: "ja-JP,ja;q=0.9" }), "ja");
 * ```
 */
export function pickLang(
  options: { query?: string | null; acceptLanguage?: string | null },
): Lang {
  if (isLang(options.query)) return options.query;
  const weights = Object.fromEntries(LANGS.map((lang) => [lang, 0])) as Record<
    Lang,
    number
  >;
  for (const part of (options.acceptLanguage ?? "").split(",")) {
    const [tag, ...params] = part.trim().toLowerCase().split(";");
    const primary = tag.split("-")[0];
    if (!isLang(primary)) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (Number.isFinite(weight)) {
      weights[primary] = Math.max(weights[primary], weight);
    }
  }
  let best: Lang = "en";
  for (const lang of LANGS) if (weights[lang] > weights[best]) best = lang;
  return best;
}
