/**
 * The page's words: every string it shows in each of its languages, and the
 * number formats they use. Components take a `Texts` and hold no words of
 * their own. The dictionary's type is types.ts, one interface an area; a
 * language is a folder (en/, ko/, ja/) with one file an area, gathered in its
 * mod.ts. Adding a language is adding its folder, its code to lang.ts and
 * its entry below: `deno check` fails until every area is filled.
 *
 * @module
 */

import { en } from "./en/mod.ts";
import { ja } from "./ja/mod.ts";
import { ko } from "./ko/mod.ts";
import type { Lang } from "./lang.ts";
import type { Texts } from "./types.ts";

export type {
  EngineTexts,
  Guess,
  InsideTexts,
  Layer,
  LinkTexts,
  ModelText,
  PageTexts,
  PlayTexts,
  ReadersTexts,
  StepsTexts,
  TestRunTexts,
  TestSetTexts,
  Texts,
} from "./types.ts";
export { count, duration, megabytes, percent, points } from "./format.ts";
export {
  isLang,
  type Lang,
  LANG_STORAGE_KEY,
  LANGS,
  pickLang,
} from "./lang.ts";

/** The strings of each language. */
export const TEXTS: Record<Lang, Texts> = { en, ko, ja };
