/**
 * The dictionary across its languages (static/src/texts/mod.ts): every
 * language named in itself, failures in words, "not sure" reasons that name
 * their model and its bar, and colour scales described so that both schemes
 * make the words true.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertNotMatch,
  assertStringIncludes,
} from "@std/assert";
import { OFFLINE } from "../../../../static/src/offline.ts";
import { LANGS, TEXTS } from "../../../../static/src/texts/mod.ts";

Deno.test("every language is in TEXTS, named in itself, once", () => {
  assertEquals(Object.keys(TEXTS).sort(), [...LANGS].sort());
  assertEquals(
    LANGS.map((lang) => TEXTS[lang].languageName),
    ["한국어", "English", "日本語"],
  );
});

/** Each language's words for "offline". */
const OFFLINE_WORDS = { en: /offline/, ko: /오프라인/, ja: /オフライン/ };

Deno.test("a call that reached no server is said in words in every language", () => {
  for (const lang of LANGS) {
    const texts = TEXTS[lang];
    const said = [
      texts.error(OFFLINE),
      texts.saveError(OFFLINE),
      texts.readersError(OFFLINE),
      texts.reportError(OFFLINE),
    ];
    for (const text of said) {
      assertNotMatch(text, /offline: no server|Failed to fetch/, lang);
      assert(OFFLINE_WORDS[lang].test(text), `${lang}: ${text}`);
    }
    // the server's own message is passed on as it is
    assertStringIncludes(texts.error("label: 0 to 9"), "label: 0 to 9");
    assertStringIncludes(texts.reportError("404 Not Found"), "404 Not Found");
  }
});

Deno.test("a gap too small for a model names the model, its gap and its bar", () => {
  // the case: the DeepConvNet torn at 57.3% against 16.7%
  const first = { digit: 1, probability: 0.573 };
  const second = { digit: 7, probability: 0.167 };
  for (const lang of LANGS) {
    const text = TEXTS[lang].reasonCloseCall("DeepConvNet", first, second, 0.5);
    for (const part of ["DeepConvNet", "57.3%", "16.7%", "40.6", "50"]) {
      assertStringIncludes(text, part, lang);
    }
  }
  // not "close": 40.6 points is a gap, short of the model's bar
  assertNotMatch(
    TEXTS.en.reasonCloseCall("DeepConvNet", first, second, 0.5),
    /close/i,
  );
});

/**
 * Colour words that only one scheme makes true: in the dark scheme 0 is a
 * dark grey and more images a lighter shade, in the light one the reverse.
 */
const SCHEME_BOUND = {
  en: /\b(white|black|dark(er)?|light(er)?|pale)\b/i,
  ko: /흰|하얀|검은|진한|어두운|밝은|연한/,
  ja: /白|黒|濃い|薄い|明るい|暗い/,
};

Deno.test("the colour scales are described in words true in light and dark", () => {
  for (const lang of LANGS) {
    const texts = TEXTS[lang];
    for (
      const text of [
        texts.forwardIntro,
        texts.legendUnit,
        texts.legendSigned,
        texts.confusionCaption,
        texts.neuronIntro,
      ]
    ) {
      assertNotMatch(text, SCHEME_BOUND[lang], lang);
    }
  }
});
