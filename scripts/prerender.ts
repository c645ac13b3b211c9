/**
 * The page rendered in each language ahead of time, committed in
 * static/pages/ (lib/assets/prerendered.ts): a server without a build sends
 * it at once instead of loading the renderer and reading every file first.
 * Each page leaves the URLs of the files it loads later as a slot the server
 * fills; pages.json says what they were rendered with. `deno task build`
 * writes them (after the bundles and fonts they name); alone:
 *
 *   deno run -P=scripts scripts/prerender.ts
 *
 * tests/scripts/prerender_test.ts fails while they are stale.
 *
 * @module
 */

import {
  assetUrl,
  pageFile,
  PAGES_DIR,
  PAGES_MANIFEST,
  type PagesManifest,
  pagesManifest,
  readPageFiles,
  RENDERER_FILE,
  reportVersion,
} from "../lib/assets/mod.ts";
import { DEFAULT_MODEL } from "../lib/models.ts";
import { readReport } from "../lib/runtime/mod.ts";
import { type Lang, LANGS } from "../static/src/texts/lang.ts";
import { pageTemplate } from "../routes/page_html.tsx";
import { update } from "./update_file.ts";

/** The committed pages as rendered now: each language's text and their manifest. */
export interface Prerendered {
  pages: Record<Lang, string>;
  /** static/pages/pages.json's text. */
  manifest: string;
}

/** Renders the pages and their manifest from the files as they are now. */
export async function prerender(): Promise<Prerendered> {
  const [files, renderer, report] = await Promise.all([
    readPageFiles({ wasm: false, testSet: false }),
    Deno.readFile(RENDERER_FILE),
    readReport(DEFAULT_MODEL),
  ]);
  const manifest: PagesManifest = await pagesManifest(
    files,
    renderer,
    await reportVersion(report),
  );
  const url = (name: string) =>
    assetUrl({ name, version: manifest.files[name].version });
  const head = {
    app: url("app.js"),
    early: url("early.js"),
    style: url("style.css"),
  };
  const pages = Object.fromEntries(
    LANGS.map((lang) => [lang, pageTemplate({ lang, report }, head)]),
  ) as Record<Lang, string>;
  return { pages, manifest: JSON.stringify(manifest, null, 2) + "\n" };
}

/** Writes static/pages/ where it changed; says which files. */
export async function writePrerendered(): Promise<void> {
  const { pages, manifest } = await prerender();
  await Deno.mkdir(PAGES_DIR, { recursive: true });
  const outputs: [URL, string][] = [
    ...Object.entries(pages).map(([lang, text]) =>
      [pageFile(lang), text] as [URL, string]
    ),
    [PAGES_MANIFEST, manifest],
  ];
  for (const [file, text] of outputs) await update(file, text);
}

if (import.meta.main) await writePrerendered();
