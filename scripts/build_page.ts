/**
 * The build's part for the page (scripts/build.ts): every file the page
 * loads compressed at the highest quality, the page rendered in each
 * language, the service worker stamped, and the manifest that tells the
 * server their versions (lib/assets/build_manifest.ts) — all in
 * static/precompressed/, so that a server started from a build answers its
 * first requests without hashing, rendering or compressing.
 *
 * @module
 */

import {
  type BuildManifest,
  type BuiltFile,
  builtFile,
  contentHash,
  ENCODINGS,
  fontVersions,
  GALLERY_NAME,
  makeAsset,
  MANIFEST_FILE,
  PRECOMPRESSED_DIR,
  precompressedFile,
  readPageFiles,
  reportVersion,
  serviceWorkerFor,
  sizeOf,
  TEST_SET_NAME,
  urlsOf,
  writePrecompressed,
} from "../lib/assets/mod.ts";
import { DEFAULT_MODEL } from "../lib/models.ts";
import { readReport } from "../lib/runtime/mod.ts";
import { LANGS } from "../static/src/texts/lang.ts";
import { pageHtml } from "../routes/page_html.tsx";

/** A file the build keeps in static/precompressed/: its name, type and bytes. */
interface Output {
  name: string;
  type: string;
  body: Uint8Array;
  /** Whether the build made it (its body is kept beside its compressed ones). */
  made: boolean;
}

/** Writes a file's compressed bodies (and its own, when made); says which files it keeps. */
async function keep(output: Output, kept: Set<string>): Promise<BuiltFile> {
  const version = await contentHash(output.body);
  const written = await writePrecompressed(output.name, output.body);
  for (const encoding of ENCODINGS) {
    kept.add(precompressedFile(output.name, version, encoding).href);
  }
  if (output.made) {
    const file = builtFile(output.name, version);
    const exists = await Deno.stat(file).then(() => true, () => false);
    if (!exists) await Deno.writeFile(file, output.body);
    kept.add(file.href);
  }
  console.log(
    `${
      written.length ? "written  " : "unchanged"
    } static/precompressed/${output.name}.${version}.*`,
  );
  // read back as the server will: its sizes as sent
  const asset = await makeAsset({ ...output, version });
  return { type: output.type, version, ...sizeOf(asset) };
}

/**
 * Writes the page's files, pages and service worker into
 * static/precompressed/ with their manifest, and removes what an earlier
 * build left there that no server reads any more.
 */
export async function buildPage(): Promise<void> {
  await Deno.mkdir(PRECOMPRESSED_DIR, { recursive: true });
  const kept = new Set([MANIFEST_FILE.href]);
  const files: BuildManifest["files"] = {};
  for (const file of await readPageFiles()) {
    const made = file.name === GALLERY_NAME || file.name === TEST_SET_NAME;
    files[file.name] = { ...await keep({ ...file, made }, kept), made };
  }
  const versions = Object.fromEntries(
    Object.entries(files).map(([name, file]) => [name, file.version]),
  );
  const fonts = await fontVersions();
  const { build, source } = await serviceWorkerFor(versions, fonts);
  const serviceWorker = await keep({
    name: "sw.js",
    type: "text/javascript; charset=utf-8",
    body: new TextEncoder().encode(source),
    made: true,
  }, kept);
  const sizes = Object.fromEntries(
    Object.entries(files).map((
      [name, { bytes, sent }],
    ) => [name, { bytes, sent }]),
  );
  const report = await readReport(DEFAULT_MODEL);
  const pages: BuildManifest["pages"] = {};
  for (const lang of LANGS) {
    pages[lang] = await keep({
      name: `page.${lang}.html`,
      type: "text/html; charset=UTF-8",
      body: new TextEncoder().encode(
        pageHtml({ lang, report }, urlsOf(versions, sizes)),
      ),
      made: true,
    }, kept);
  }
  const manifest: BuildManifest = {
    build,
    files,
    fonts,
    serviceWorker: { ...serviceWorker, made: true },
    pages: Object.fromEntries(
      Object.entries(pages).map((
        [lang, page],
      ) => [lang, { ...page, made: true }]),
    ),
    report: await reportVersion(report),
  };
  await Deno.writeTextFile(
    MANIFEST_FILE,
    JSON.stringify(manifest, null, 2) + "\n",
  );
  console.log(`written   static/precompressed/build.json (build ${build})`);
  // bodies of files that changed since: no server reads them any more
  for await (const entry of Deno.readDir(PRECOMPRESSED_DIR)) {
    const file = new URL(entry.name, PRECOMPRESSED_DIR);
    if (!kept.has(file.href)) {
      await Deno.remove(file);
      console.log(`removed   static/precompressed/${entry.name}`);
    }
  }
}
