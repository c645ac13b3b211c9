/**
 * Everything the page loads besides its HTML, as versioned assets
 * (page_files.ts names them), and the service worker. After `deno task
 * build` their versions come from its manifest and each file is read when
 * first asked for, the pages in each language too; without a build the
 * files are read and hashed when the first of them is asked for, or by the
 * warm-up (the wasm and the test set excepted: lazy_files.ts) — the first
 * page does not wait for them when static/pages/ is current (prerendered.ts).
 *
 * @module
 */

import { type Asset, builtFile, makeAsset } from "./assets.ts";
import { type BuildManifest, readManifest } from "./build_manifest.ts";
import { contentHash } from "./content_hash.ts";
import { lazyTestSet, lazyWasm } from "./lazy_files.ts";
import {
  type AssetUrls,
  ENGINE_FILES,
  type FileSize,
  FONTS,
  fontVersions,
  readPageFiles,
  SCRIPT,
  serviceWorkerFor,
  sourceFile,
  urlsOf,
  WASM_NAME,
} from "./page_files.ts";
import { ortWasm, readReport } from "../runtime/model_files.ts";
import { DEFAULT_MODEL } from "../models.ts";

export * from "./page_files.ts";

/** The page's assets, their URLs, and the service worker. */
export interface PageAssets {
  urls: AssetUrls;
  /** Each file's version under /static/, by name. */
  versions: Record<string, string>;
  /** The build's version: a hash over every asset, the fonts and the service worker. */
  build: string;
  /** The files served under /static/, by name. */
  names: readonly string[];
  /** A file by name, read on first use; undefined for a name the page does not use. */
  file(name: string): Promise<Asset> | undefined;
  /** /sw.js: the service worker with the build's version and file list. */
  serviceWorker(): Promise<Asset>;
  /** The fonts' content hashes, by file name. */
  fonts: Record<string, string>;
  /**
   * The page in `lang` as the build rendered it (for the report it read),
   * or undefined: without a build, the server renders it.
   */
  page(lang: string): Promise<Asset> | undefined;
  /** The build's manifest when these came from it. */
  manifest?: BuildManifest;
  /**
   * Without a build: the URLs made again with the engine's files' sizes as
   * they are sent now (after the warm-up compressed them).
   */
  refresh?(): Promise<void>;
}

/** An asset's size now: compressed bodies the build wrote are ready when it is read. */
export function sizeOf(asset: Asset): FileSize {
  const sent = asset.encoded("br") ?? asset.encoded("gzip") ?? asset.body;
  return { bytes: asset.body.length, sent: sent.length };
}

/**
 * Reads and hashes the page's assets (the wasm and the test set excepted:
 * lazy_files.ts names them and reads them when asked): the server without a
 * build.
 */
export async function readPageAssets(): Promise<PageAssets> {
  const [sources, lazy, fonts] = await Promise.all([
    readPageFiles({ wasm: false, testSet: false }),
    Promise.all([lazyWasm(), lazyTestSet()]),
    fontVersions(),
  ]);
  const list = await Promise.all(sources.map((file) => makeAsset(file)));
  const files = new Map<string, () => Promise<Asset>>([
    ...list.map((asset) => [asset.name, () => Promise.resolve(asset)] as const),
    ...lazy.map((file) => [file.name, file.read] as const),
  ]);
  const versions: Record<string, string> = Object.fromEntries(
    [...list, ...lazy].map((file) => [file.name, file.version]),
  );
  const { build, source } = await serviceWorkerFor(versions, fonts);
  const serviceWorker = makeAsset({
    name: "sw.js",
    type: SCRIPT,
    body: new TextEncoder().encode(source),
  });
  // the sizes as sent now: the files' own until the warm-up compressed them
  // (a large file not read yet: its size as it is)
  const sizesNow = async () => {
    const sizes: Record<string, FileSize> = {};
    for (const name of ENGINE_FILES) {
      const file = lazy.find((file) => file.name === name);
      sizes[name] = file && !file.wasRead()
        ? { bytes: file.bytes, sent: file.bytes }
        : sizeOf(await files.get(name)!());
    }
    return sizes;
  };
  const assets: PageAssets = {
    urls: urlsOf(versions, await sizesNow()),
    versions,
    build,
    names: [...files.keys()],
    file: (name) => files.get(name)?.(),
    serviceWorker: () => serviceWorker,
    fonts,
    page: () => undefined,
    refresh: async () => {
      assets.urls = urlsOf(versions, await sizesNow());
    },
  };
  return assets;
}

/** Reads an asset the build described, with the version it gave, once. */
function builtAsset(
  name: string,
  file: { type: string; version: string; made?: boolean },
) {
  let asset: Promise<Asset> | undefined;
  return () =>
    asset ??= (async () => {
      const source = file.made
        ? builtFile(name, file.version)
        : name === WASM_NAME
        ? undefined
        : sourceFile(name);
      const body = source ? await Deno.readFile(source) : await ortWasm();
      return await makeAsset({
        name,
        type: file.type,
        body,
        version: file.version,
      });
    })().catch((error) => {
      asset = undefined;
      throw error;
    });
}

/** The page's assets as the build's manifest describes them: nothing hashed. */
export function builtPageAssets(manifest: BuildManifest): PageAssets {
  const files = new Map(
    Object.entries(manifest.files).map((
      [name, file],
    ) => [name, builtAsset(name, file)]),
  );
  const pages = new Map(
    Object.entries(manifest.pages).map((
      [lang, file],
    ) => [lang, builtAsset(`page.${lang}.html`, file)]),
  );
  const serviceWorker = builtAsset("sw.js", manifest.serviceWorker);
  const versions = Object.fromEntries(
    Object.entries(manifest.files).map(([name, file]) => [name, file.version]),
  );
  const sizes = Object.fromEntries(
    Object.entries(manifest.files).map((
      [name, { bytes, sent }],
    ) => [name, { bytes, sent }]),
  );
  return {
    urls: urlsOf(versions, sizes),
    versions,
    build: manifest.build,
    names: [...files.keys()],
    file: (name) => files.get(name)?.(),
    serviceWorker,
    fonts: manifest.fonts,
    page: (lang) => pages.get(lang)?.(),
    manifest,
  };
}

/** The content hash of the report the page shows (as parsed, then serialised). */
export async function reportVersion(report: unknown): Promise<string> {
  return await contentHash(new TextEncoder().encode(JSON.stringify(report)));
}

/** A step of the server's warm-up. */
export interface Step {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * The warm-up's steps for the page's files: without a build, each file (and
 * the service worker) compressed, one step each; with one, the build checked
 * against the files ({@linkcode checkBuild}).
 */
export async function assetSteps(): Promise<Step[]> {
  const assets = await pageAssets();
  if (assets.manifest) return [{ name: "checking the build", run: checkBuild }];
  return [
    ...assets.names.map((name) => ({
      name: `compressing ${name}`,
      run: async () => await (await assets.file(name))?.compress(),
    })),
    {
      name: "compressing sw.js",
      run: async () => await (await assets.serviceWorker()).compress(),
    },
    { name: "sizes as sent", run: async () => await assets.refresh?.() },
  ];
}

let assets: Promise<PageAssets> | undefined;
let assetsRead: PageAssets | undefined;

/**
 * The page's assets, once per process: from the build's manifest when there
 * is one, else read and hashed (a failed read is retried).
 */
export function pageAssets(): Promise<PageAssets> {
  if (!assets) {
    assets = buildManifest().then((manifest) =>
      manifest ? builtPageAssets(manifest) : readPageAssets()
    );
    watch(assets);
  }
  return assets;
}

/** Keeps what `reading` gives for {@linkcode pageAssetsIfRead}; forgets a failed read. */
function watch(reading: Promise<PageAssets>) {
  reading.then((read) => {
    if (assets === reading) assetsRead = read;
  }, () => {
    if (assets === reading) assets = undefined;
  });
}

/**
 * The page's assets if {@linkcode pageAssets} has read them already, else
 * undefined (without starting to read them).
 */
export function pageAssetsIfRead(): PageAssets | undefined {
  return assetsRead;
}

let manifest: Promise<BuildManifest | undefined> | undefined;

/** The build's manifest (undefined without a build), read once per process. */
export function buildManifest(): Promise<BuildManifest | undefined> {
  manifest ??= readManifest();
  return manifest;
}

/**
 * Checks the build's manifest against the files as they are now (each file
 * hashed, the fonts and the report): when one changed since `deno task
 * build`, the server goes on with what it reads now, and says so. True when
 * the build is current or there is none.
 */
export async function checkBuild(): Promise<boolean> {
  const { manifest } = await pageAssets();
  if (!manifest) return true;
  const [files, fonts, report] = await Promise.all([
    readPageFiles(),
    fontVersions(),
    readReport(DEFAULT_MODEL).then(reportVersion),
  ]);
  const versions = await Promise.all(files.map((f) => contentHash(f.body)));
  const same = files.length === Object.keys(manifest.files).length &&
    files.every((file, i) =>
      manifest.files[file.name]?.version === versions[i]
    ) &&
    FONTS.every((name) => manifest.fonts[name] === fonts[name]) &&
    report === manifest.report;
  if (same) return true;
  console.error(
    "static/precompressed/ was built from other files than these: the page is rendered and its files compressed here (run deno task build)",
  );
  assets = readPageAssets();
  watch(assets);
  await assets;
  return false;
}
