/**
 * The page rendered in each language ahead of time and committed
 * (static/pages/, written by scripts/prerender.ts, which `deno task build`
 * runs), for a server without a build: its first page is read, not
 * rendered, and waits for nothing else — not the renderer's bundle, not the
 * other files read and hashed. Only the URLs of the page's files are filled
 * in when it is sent (page_template.ts), the wasm's and the test set's being
 * their sources' sizes and times on this machine (lazy_files.ts).
 *
 * A committed page is sent only while it is current: before the first, the
 * renderer, the files the page's head loads and the report are checked to
 * be the ones it was rendered with; once the server has read the page's
 * other files, theirs too ({@linkcode sameFiles}). Otherwise the server
 * renders the page itself (routes/page.ts).
 *
 * @module
 */

import { contentHash } from "./content_hash.ts";
import { type LazyFile, lazyTestSet, lazyWasm } from "./lazy_files.ts";
import {
  type AssetUrls,
  ENGINE_FILES,
  type FileSize,
  type PageFile,
  sourceFile,
  urlsOf,
} from "./page_files.ts";

/** Where the committed pages are. */
export const PAGES_DIR = new URL("../../static/pages/", import.meta.url);

/** Their manifest: what they were rendered with. */
export const PAGES_MANIFEST = new URL("pages.json", PAGES_DIR);

/** The renderer's bundle (scripts/bundle.ts) the pages came from. */
export const RENDERER_FILE = new URL("../../static/render.js", import.meta.url);

/** The committed page in `lang`, its files' URLs left as a slot. */
export function pageFile(lang: string): URL {
  return new URL(`page.${lang}.html`, PAGES_DIR);
}

/** `static/pages/pages.json`. */
export interface PagesManifest {
  /** The content hash of static/render.js. */
  renderer: string;
  /** The content hash of the report the pages show (page_assets.ts's reportVersion). */
  report: string;
  /** Each file the page loads but the lazy ones: its content hash and size. */
  files: Record<string, { version: string; bytes: number }>;
}

/** The files a page's head loads: checked before a committed page is sent. */
const HEAD_FILES = ["app.js", "early.js", "style.css"];

/** The manifest of pages rendered now with these files, renderer and report. */
export async function pagesManifest(
  files: readonly PageFile[],
  renderer: Uint8Array,
  report: string,
): Promise<PagesManifest> {
  const entries = await Promise.all(
    files.map(async (file) =>
      [file.name, {
        version: await contentHash(file.body),
        bytes: file.body.length,
      }] as const
    ),
  );
  entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return {
    renderer: await contentHash(renderer),
    report,
    files: Object.fromEntries(entries),
  };
}

/** The committed pages, found current. */
export interface CommittedPages {
  manifest: PagesManifest;
  /** Every file's version the page names, the lazy files' as this server has them. */
  versions: Record<string, string>;
  /** The URLs the page names until the server has read its files. */
  urls: AssetUrls;
  /** The page in `lang` with its slot (read once). */
  template(lang: string): Promise<string>;
}

/**
 * The URLs of the page's files by the manifest and this server's lazy files,
 * with the sizes a server without a build sends before its warm-up
 * compressed them (each file's own).
 */
function committedUrls(manifest: PagesManifest, lazy: LazyFile[]) {
  const versions: Record<string, string> = {};
  const sizes: Record<string, FileSize> = {};
  for (const [name, { version, bytes }] of Object.entries(manifest.files)) {
    versions[name] = version;
    sizes[name] = { bytes, sent: bytes };
  }
  for (const file of lazy) {
    versions[file.name] = file.version;
    sizes[file.name] = { bytes: file.bytes, sent: file.bytes };
  }
  const missing = ENGINE_FILES.find((name) => !sizes[name]);
  if (missing) throw new Error(`static/pages/pages.json lacks ${missing}`);
  return { versions, urls: urlsOf(versions, sizes) };
}

async function hashOf(file: URL): Promise<string> {
  return await contentHash(await Deno.readFile(file));
}

/**
 * The committed pages when their renderer, head files and report (its
 * content hash) are the ones here now; undefined when they are not, or when
 * there are none.
 */
export async function readCommittedPages(
  report: string,
): Promise<CommittedPages | undefined> {
  let manifest: PagesManifest;
  try {
    manifest = JSON.parse(await Deno.readTextFile(PAGES_MANIFEST));
  } catch {
    return undefined;
  }
  const [renderer, ...head] = await Promise.all([
    hashOf(RENDERER_FILE),
    ...HEAD_FILES.map((name) => hashOf(sourceFile(name)!)),
  ]).catch(() => [] as string[]);
  const current = manifest.renderer === renderer &&
    manifest.report === report &&
    HEAD_FILES.every((name, i) => manifest.files?.[name]?.version === head[i]);
  if (!current) return undefined;
  const lazy = await Promise.all([lazyWasm(), lazyTestSet()]);
  const { versions, urls } = committedUrls(manifest, lazy);
  const templates = new Map<string, Promise<string>>();
  return {
    manifest,
    versions,
    urls,
    template(lang) {
      let text = templates.get(lang);
      if (!text) {
        text = Deno.readTextFile(pageFile(lang));
        templates.set(lang, text);
        text.catch(() => templates.delete(lang));
      }
      return text;
    },
  };
}

/**
 * Whether the committed pages name every file as the server has it (each
 * file's version by name): false once one of them has changed since.
 */
export function sameFiles(
  pages: CommittedPages,
  versions: Record<string, string>,
): boolean {
  const names = Object.keys(pages.versions);
  return names.length === Object.keys(versions).length &&
    names.every((name) => versions[name] === pages.versions[name]);
}
