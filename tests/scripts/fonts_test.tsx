import { assert, assertEquals } from "@std/assert";
import { Buffer } from "node:buffer";
import fontverter from "fontverter";
import { Blob, Face } from "harfbuzzjs";
import { renderToString } from "preact-render-to-string";
import { buildReport } from "../../lib/evaluate/mod.ts";
import {
  FONT_DIR,
  type FontScript,
  glyphsOf,
  isJapaneseGlyph,
  isKoreanGlyph,
  SCRIPTS,
  stampStylesheet,
  subsetFor,
  textSources,
} from "../../scripts/fonts.ts";
import { App } from "../../static/src/components/app.tsx";
import { LANGS } from "../../static/src/texts/mod.ts";
import { stringsOf } from "../static/src/texts/_strings.ts";

/** The code points a WOFF2 font maps, read with harfbuzz. */
async function codePoints(woff2: Uint8Array): Promise<Set<number>> {
  const sfnt = await fontverter.convert(Buffer.from(woff2), "sfnt");
  const face = new Face(new Blob(new Uint8Array(sfnt)), 0);
  return new Set(face.collectUnicodes());
}

/** What every page shows: each language's page rendered and its strings. */
function everyPage(): string[] {
  const report = buildReport({
    model: "mlp",
    labels: [1, 2],
    digits: [1, 3],
    batchSize: 100,
    seconds: 1,
  });
  return LANGS.flatMap((lang) => [
    renderToString(<App lang={lang} report={report} />),
    ...stringsOf(lang),
  ]);
}

const sources = await Promise.all(
  (await textSources()).map((url) => Deno.readTextFile(url)),
);

for (const [name, script] of Object.entries(SCRIPTS)) {
  Deno.test(`the committed ${name} fonts are a fresh subset`, async () => {
    const glyphs = glyphsOf(sources, script.covers);
    for (const [weight, file] of Object.entries(script.files)) {
      const committed = await Deno.readFile(new URL(file, FONT_DIR));
      const fresh = await subsetFor(script, Number(weight), glyphs);
      assertEquals(
        committed,
        fresh,
        `static/fonts/${file} is stale: run deno run -P=scripts scripts/fonts.ts`,
      );
    }
  });
}

/** Checks that a script's fonts map every glyph `shown` and few more. */
async function coversShown(script: FontScript, shown: string, most: number) {
  for (const file of Object.values(script.files)) {
    const mapped = await codePoints(
      await Deno.readFile(new URL(file, FONT_DIR)),
    );
    const missing = [...shown].filter((c) => !mapped.has(c.codePointAt(0)!));
    assertEquals(missing.join(""), "", file);
    const ours = [...mapped].filter((c) =>
      script.covers(String.fromCodePoint(c))
    );
    assert(ours.length < most, `${file} maps ${ours.length} glyphs`);
  }
}

Deno.test("the Korean fonts hold every Hangul glyph any page shows, and few more", async () => {
  const shown = glyphsOf(everyPage(), isKoreanGlyph);
  assert(shown.length > 150, `${shown.length} Korean glyphs on the pages`);
  await coversShown(SCRIPTS.korean, shown, 600);
});

Deno.test("the Japanese fonts hold every kana and kanji any page shows, and few more", async () => {
  const shown = glyphsOf(everyPage(), isJapaneseGlyph);
  assert(shown.length > 150, `${shown.length} Japanese glyphs on the pages`);
  await coversShown(SCRIPTS.japanese, shown, 600);
});

Deno.test("glyphsOf() keeps each glyph of its script once, nothing else", () => {
  assertEquals(
    glyphsOf(["신경망 MLP 신경", "망 『책』"], isKoreanGlyph),
    "『』경망신책",
  );
  assertEquals(
    glyphsOf(["ニューラルネットワーク（MLP）", "本書、本"], isJapaneseGlyph),
    "、クットニネュラルワー書本（）",
  );
  assert(isKoreanGlyph("가") && isKoreanGlyph("ㄱ") && !isKoreanGlyph("a"));
  assert(
    isJapaneseGlyph("あ") && isJapaneseGlyph("認") && !isJapaneseGlyph("가"),
  );
});

Deno.test("textSources() finds every language's texts", async () => {
  const names = (await textSources()).map((url) =>
    url.pathname.split("/static/src/texts/")[1]
  );
  for (const lang of LANGS) assert(names.includes(`${lang}/play.ts`), lang);
  assert(names.includes("korean.ts"));
});

Deno.test("stampStylesheet() sets each font URL's version", () => {
  const css = 'src: url("/static/fonts/a.woff2?v=0000") format("woff2");';
  assertEquals(
    stampStylesheet(css, { "a.woff2": "abc123" }),
    'src: url("/static/fonts/a.woff2?v=abc123") format("woff2");',
  );
});
