/**
 * deno run -P=scripts scripts/fonts.ts: the fonts the page serves when the
 * system has none for a script — Noto Sans KR and Noto Sans JP (regular and
 * bold, from the npm packages @embedpdf/fonts-kr and @embedpdf/fonts-jp) cut
 * down with harfbuzz (subset-font) to the glyphs of that script the page's
 * texts use, as WOFF2 under static/fonts/; then style.css's @font-face URLs
 * get the files' content hashes, so they can be cached for good.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import subsetFont from "subset-font";
import "@embedpdf/fonts-jp";
import "@embedpdf/fonts-kr";
import { contentHash } from "../lib/assets/mod.ts";
import { FONTS } from "../routes/fonts.ts";

const ROOT = new URL("..", import.meta.url);

/** A script the page has a font for. */
export interface FontScript {
  /** Weight → the file written under static/fonts/. */
  files: Record<number, string>;
  /** Weight → the full font it is cut from. */
  sources: Record<number, URL>;
  /** Whether a character is this font's to draw (its @font-face unicode-range). */
  covers(char: string): boolean;
}

/** Whether `code` lies in one of `ranges` (inclusive pairs). */
function within(code: number, ranges: [number, number][]): boolean {
  return ranges.some(([from, to]) => code >= from && code <= to);
}

/** CJK punctuation (、。「」『』), which both fonts draw, each in its own style. */
const CJK_SYMBOLS: [number, number] = [0x3000, 0x303f];

/** The characters the Korean font covers: Hangul and CJK punctuation. */
export function isKoreanGlyph(char: string): boolean {
  return within(char.codePointAt(0)!, [
    [0x1100, 0x11ff],
    CJK_SYMBOLS,
    [0x3130, 0x318f],
    [0xac00, 0xd7a3],
  ]);
}

/**
 * The characters the Japanese font covers: CJK punctuation, hiragana,
 * katakana, the CJK ideographs and the full-width forms （）：！？.
 */
export function isJapaneseGlyph(char: string): boolean {
  return within(char.codePointAt(0)!, [
    CJK_SYMBOLS,
    [0x3040, 0x30ff],
    [0x4e00, 0x9fff],
    [0xff00, 0xffef],
  ]);
}

const otf = (pkg: string, name: string) =>
  new URL(`node_modules/@embedpdf/${pkg}/fonts/${name}.otf`, ROOT);

/** The fonts the page serves, by script (the file names are routes/fonts.ts's). */
export const SCRIPTS: Record<"korean" | "japanese", FontScript> = {
  korean: {
    files: { 400: FONTS[0], 700: FONTS[1] },
    sources: {
      400: otf("fonts-kr", "NotoSansKR-Regular"),
      700: otf("fonts-kr", "NotoSansKR-Bold"),
    },
    covers: isKoreanGlyph,
  },
  japanese: {
    files: { 400: FONTS[2], 700: FONTS[3] },
    sources: {
      400: otf("fonts-jp", "NotoSansJP-Regular"),
      700: otf("fonts-jp", "NotoSansJP-Bold"),
    },
    covers: isJapaneseGlyph,
  },
};

/** Where the fonts are written and served from. */
export const FONT_DIR = new URL("static/fonts/", ROOT);

/** The stylesheet whose @font-face rules name the fonts. */
export const STYLESHEET = new URL("static/style.css", ROOT);

/** The folder of the page's words: every language's texts, the particles. */
export const TEXTS_DIR = new URL("static/src/texts/", ROOT);

/**
 * The files whose words the page can show: every .ts file under
 * static/src/texts/ (each language names the others in their own script,
 * and the links give the book's titles in Japanese and Korean).
 */
export async function textSources(dir = TEXTS_DIR): Promise<URL[]> {
  const found: URL[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) found.push(...await textSources(url));
    else if (entry.name.endsWith(".ts")) found.push(url);
  }
  return found.sort((a, b) => a.href.localeCompare(b.href));
}

/** Every glyph of `texts` that `covers` takes, once each, in code point order. */
export function glyphsOf(
  texts: string[],
  covers: (char: string) => boolean,
): string {
  const found = new Set<string>();
  for (const text of texts) {
    for (const char of text) if (covers(char)) found.add(char);
  }
  return [...found].sort().join("");
}

/**
 * Subsets one weight of a script's font to `glyphs` as WOFF2, keeping the
 * copyright, license and font name records (the SIL Open Font License asks
 * that the notice travel with the font).
 */
export async function subsetFor(
  script: FontScript,
  weight: number,
  glyphs: string,
): Promise<Uint8Array> {
  const font = Buffer.from(await Deno.readFile(script.sources[weight]));
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
    (await textSources()).map((url) => Deno.readTextFile(url)),
  );
  const hashes: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const script of Object.values(SCRIPTS)) {
    const glyphs = glyphsOf(texts, script.covers);
    for (const [weight, file] of Object.entries(script.files)) {
      const bytes = await subsetFor(script, Number(weight), glyphs);
      await Deno.writeFile(new URL(file, FONT_DIR), bytes);
      hashes[file] = await contentHash(bytes);
      sizes[file] = bytes.length;
    }
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
