/**
 * deno run -P=scripts scripts/fonts.ts: the Korean font the page serves when
 * the system has none — Noto Sans KR (regular and bold, from the npm package
 * @embedpdf/fonts-kr) cut down with harfbuzz (subset-font) to the Hangul the
 * page's Korean texts use, as WOFF2 under static/fonts/; then style.css's
 * @font-face URLs get the files' content hashes, so they can be cached for good.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import subsetFont from "subset-font";
import "@embedpdf/fonts-kr";
import { contentHash } from "../lib/assets/mod.ts";
import { FONTS } from "../routes/fonts.ts";

/** The Korean fonts the page serves: weight → file under static/fonts/. */
export const FONT_FILES: Record<number, string> = {
  400: FONTS[0],
  700: FONTS[1],
};

const ROOT = new URL("..", import.meta.url);
const SOURCES: Record<number, URL> = {
  400: new URL(
    "node_modules/@embedpdf/fonts-kr/fonts/NotoSansKR-Regular.otf",
    ROOT,
  ),
  700: new URL(
    "node_modules/@embedpdf/fonts-kr/fonts/NotoSansKR-Bold.otf",
    ROOT,
  ),
};

/** Where the fonts are written and served from. */
export const FONT_DIR = new URL("static/fonts/", ROOT);

/** The stylesheet whose @font-face rules name the fonts. */
export const STYLESHEET = new URL("static/style.css", ROOT);

/**
 * The files whose Korean is the page's: every string it can show — the
 * Korean texts, the particles, and English's switch to Korean (한국어).
 */
export const KOREAN_SOURCES = [
  ...["engine", "inside", "mod", "page", "play", "readers", "test_set"].map(
    (area) => new URL(`static/src/texts/ko/${area}.ts`, ROOT),
  ),
  new URL("static/src/texts/en/page.ts", ROOT),
  new URL("static/src/texts/korean.ts", ROOT),
];

/** The characters the fonts cover: Hangul and CJK punctuation (the @font-face unicode-range). */
export function isKoreanGlyph(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0xac00 && code <= 0xd7a3);
}

/** Every Korean glyph of `texts`, once each, in code point order. */
export function koreanGlyphs(texts: string[]): string {
  const found = new Set<string>();
  for (const text of texts) {
    for (const char of text) if (isKoreanGlyph(char)) found.add(char);
  }
  return [...found].sort().join("");
}

/**
 * Subsets one weight of Noto Sans KR to `glyphs` as WOFF2, keeping the
 * copyright, license and font name records (the SIL Open Font License asks
 * that the notice travel with the font).
 */
export async function subsetKorean(
  weight: number,
  glyphs: string,
): Promise<Uint8Array> {
  const font = Buffer.from(await Deno.readFile(SOURCES[weight]));
  const subset = await subsetFont(font, glyphs, {
    targetFormat: "woff2",
    preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14],
    noHinting: true,
  });
  return new Uint8Array(subset);
}

/** style.css with each font URL's `?v=` set to the hash of its file. */
export function stampStylesheet(
  css: string,
  hashes: Record<string, string>,
): string {
  let out = css;
  for (const [file, hash] of Object.entries(hashes)) {
    const pattern = new RegExp(
      `(/static/fonts/${file.replace(/\./g, "\\.")})\\?v=[0-9a-f]*`,
      "g",
    );
    if (!pattern.test(out)) {
      throw new Error(
        `Cannot stamp style.css: no url("/static/fonts/${file}?v=…")`,
      );
    }
    out = out.replace(pattern, `$1?v=${hash}`);
  }
  return out;
}

/** Builds the fonts and stamps the stylesheet; returns each file's size. */
export async function buildFonts(): Promise<Record<string, number>> {
  const texts = await Promise.all(
    KOREAN_SOURCES.map((url) => Deno.readTextFile(url)),
  );
  const glyphs = koreanGlyphs(texts);
  const hashes: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const [weight, file] of Object.entries(FONT_FILES)) {
    const bytes = await subsetKorean(Number(weight), glyphs);
    await Deno.writeFile(new URL(file, FONT_DIR), bytes);
    hashes[file] = await contentHash(bytes);
    sizes[file] = bytes.length;
  }
  const css = await Deno.readTextFile(STYLESHEET);
  const stamped = stampStylesheet(css, hashes);
  if (stamped !== css) await Deno.writeTextFile(STYLESHEET, stamped);
  return sizes;
}

if (import.meta.main) {
  const sizes = await buildFonts();
  for (const [file, size] of Object.entries(sizes)) {
    console.log(`static/fonts/${file}: ${size} bytes`);
  }
}
