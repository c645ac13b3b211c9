import { assert, assertEquals } from "@std/assert";
import { Buffer } from "node:buffer";
import fontverter from "fontverter";
import { Blob, Face } from "harfbuzzjs";
import { renderToString } from "preact-render-to-string";
import { buildReport } from "../../lib/evaluate/mod.ts";
import {
  FONT_DIR,
  FONT_FILES,
  isKoreanGlyph,
  KOREAN_SOURCES,
  koreanGlyphs,
  stampStylesheet,
  subsetKorean,
} from "../../scripts/fonts.ts";
import { App } from "../../static/src/components/app.tsx";
import { TEXTS } from "../../static/src/texts/mod.ts";

/** The code points a WOFF2 font maps, read with harfbuzz. */
async function codePoints(woff2: Uint8Array): Promise<Set<number>> {
  const sfnt = await fontverter.convert(Buffer.from(woff2), "sfnt");
  const face = new Face(new Blob(new Uint8Array(sfnt)), 0);
  return new Set(face.collectUnicodes());
}

/** Every string the Korean texts make, functions called with sample values. */
function koreanStrings(): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(value);
    else if (typeof value === "function") {
      const guess = (digit: number) => ({ digit, probability: 0.4 });
      const samples = [
        [3, 5, 0.5, 7, 2],
        [0, 100, 1000],
        ["MLP", 8, 0.9],
        ["DeepConvNet", 6, 0.25],
        [guess(4), guess(9)],
      ];
      for (const args of samples) {
        try {
          out.push(String(value(...args)));
        } catch { /* not this function's arguments */ }
      }
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(walk);
    }
  };
  walk(TEXTS.ko);
  return out;
}

const glyphs = koreanGlyphs(
  await Promise.all(KOREAN_SOURCES.map((url) => Deno.readTextFile(url))),
);

Deno.test("the committed Korean fonts are a fresh subset of Noto Sans KR", async () => {
  for (const [weight, file] of Object.entries(FONT_FILES)) {
    const committed = await Deno.readFile(new URL(file, FONT_DIR));
    const fresh = await subsetKorean(Number(weight), glyphs);
    assertEquals(
      committed,
      fresh,
      `static/fonts/${file} is stale: run deno run -P=scripts scripts/fonts.ts`,
    );
  }
});

Deno.test("the Korean fonts hold every Hangul glyph the Korean page shows, and few more", async () => {
  const report = buildReport({
    model: "mlp",
    labels: [1, 2],
    digits: [1, 3],
    batchSize: 100,
    seconds: 1,
  });
  const page = renderToString(<App lang="ko" report={report} />);
  const shown = koreanGlyphs([page, ...koreanStrings()]);
  assert(shown.length > 150, `${shown.length} Korean glyphs on the page`);
  for (const file of Object.values(FONT_FILES)) {
    const mapped = await codePoints(
      await Deno.readFile(new URL(file, FONT_DIR)),
    );
    const missing = [...shown].filter((c) => !mapped.has(c.codePointAt(0)!));
    assertEquals(missing.join(""), "", file);
    const hangul = [...mapped].filter((c) => c >= 0xac00 && c <= 0xd7a3);
    assert(hangul.length < 600, `${file} maps ${hangul.length} syllables`);
  }
});

Deno.test("koreanGlyphs() keeps each Hangul glyph once, nothing else", () => {
  assertEquals(koreanGlyphs(["신경망 MLP 신경", "망 『책』"]), "『』경망신책");
  assert(isKoreanGlyph("가") && isKoreanGlyph("ㄱ") && !isKoreanGlyph("a"));
});

Deno.test("stampStylesheet() sets each font URL's version", () => {
  const css = 'src: url("/static/fonts/a.woff2?v=0000") format("woff2");';
  assertEquals(
    stampStylesheet(css, { "a.woff2": "abc123" }),
    'src: url("/static/fonts/a.woff2?v=abc123") format("woff2");',
  );
});
