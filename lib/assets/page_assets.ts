/**
 * Everything the page loads besides its HTML, as versioned assets: the
 * bundle, the early-strokes script, the device engine's chunk, the
 * stylesheet, onnxruntime-web's wasm, both ONNX models and the gallery's
 * data — and the service worker that keeps them (and the fonts) for
 * offline use, stamped with the build's version.
 *
 * @module
 */

import { type Asset, makeAsset } from "./assets.ts";
import { contentHash } from "./content_hash.ts";
import { galleryIndices, galleryJson } from "./gallery.ts";
import { ortWasm, readReport } from "../runtime/mod.ts";
import { MODEL_NAMES, type ModelName, MODELS } from "../models.ts";

const STATIC_DIR = new URL("../../static/", import.meta.url);

/** The page's files under static/, with their content types. */
export const STATIC_FILES: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "early.js": "text/javascript; charset=utf-8",
  "engine.js": "text/javascript; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
};

/** The name onnxruntime-web's wasm is served under. */
export const WASM_NAME = "ort-wasm-simd-threaded.wasm";

/** The name the gallery's data is served under. */
export const GALLERY_NAME = "gallery.json";

/**
 * The Korean and Japanese font subsets under static/fonts/ (written by
 * scripts/fonts.ts, served by routes/fonts.ts at the URLs style.css names).
 */
export const FONTS = [
  "noto-sans-kr-400.woff2",
  "noto-sans-kr-700.woff2",
  "noto-sans-jp-400.woff2",
  "noto-sans-jp-700.woff2",
];

/** Where the fonts are. */
export const FONT_DIR = new URL("fonts/", STATIC_DIR);

/** The bundled service worker, served as /sw.js. */
export const SERVICE_WORKER_FILE = new URL("sw.js", STATIC_DIR);

/** A file's size in bytes: as it is, and as the server sends it to a browser. */
export interface FileSize {
  bytes: number;
  /** Brotli's body when there is one, else gzip's, else the file's own. */
  sent: number;
}

/** The URLs the page needs, each with its content hash. */
export interface AssetUrls {
  app: string;
  /** The script that keeps strokes drawn before the page is interactive. */
  early: string;
  style: string;
  /** The device engine's chunk, imported once the page is interactive. */
  engine: string;
  wasm: string;
  models: Record<ModelName, string>;
  gallery: string;
  /**
   * The device engine's files' sizes (its chunk, the wasm, each model): the
   * page offers the device with them and counts its download against them.
   */
  sizes: {
    engine: FileSize;
    wasm: FileSize;
    models: Record<ModelName, FileSize>;
  };
}

/** An asset's size now: compressed bodies the build wrote are ready when it is read. */
export function sizeOf(asset: Asset): FileSize {
  const sent = asset.encoded("br") ?? asset.encoded("gzip") ?? asset.body;
  return { bytes: asset.body.length, sent: sent.length };
}

/** The page's assets by name, their URLs, and the service worker. */
export interface PageAssets {
  /** Every asset served under /static/, by name. */
  files: Record<string, Asset>;
  urls: AssetUrls;
  /** The build's version: a hash over every asset and the service worker. */
  build: string;
  /** /sw.js: the service worker with the build's version and file list. */
  serviceWorker: Asset;
}

/** The URL of an asset: `/static/<name>?v=<hash>`. */
export function assetUrl(asset: Asset): string {
  return `/static/${asset.name}?v=${asset.version}`;
}

/** A file the page loads, as read: its name under /static/, type and bytes. */
export interface PageFile {
  name: string;
  type: string;
  body: Uint8Array;
}

/**
 * Reads the files the page loads (all but the service worker): what the
 * server holds as assets and the build precompresses.
 */
export async function readPageFiles(): Promise<PageFile[]> {
  const reports = await Promise.all(MODEL_NAMES.map(readReport));
  return await Promise.all([
    ...Object.entries(STATIC_FILES).map(async ([name, type]) => ({
      name,
      type,
      body: await Deno.readFile(new URL(name, STATIC_DIR)),
    })),
    ortWasm().then((body) => ({
      name: WASM_NAME,
      type: "application/wasm",
      body,
    })),
    ...MODEL_NAMES.map(async (name) => ({
      name: `${name}.onnx`,
      type: "application/octet-stream",
      body: await Deno.readFile(MODELS[name].file),
    })),
    galleryJson(galleryIndices(reports)).then((body) => ({
      name: GALLERY_NAME,
      type: "application/json; charset=utf-8",
      body,
    })),
  ]);
}

/** The fonts' URLs as style.css names them: `/static/fonts/<name>?v=<hash>`. */
export function fontUrls(): Promise<string[]> {
  return Promise.all(FONTS.map(async (name) => {
    const body = await Deno.readFile(new URL(name, FONT_DIR));
    return `/static/fonts/${name}?v=${await contentHash(body)}`;
  }));
}

/** The service worker's source with the build's version and what it keeps. */
export function serviceWorkerSource(
  build: string,
  precache: readonly string[],
  worker: string,
): string {
  return `self.BUILD = ${
    JSON.stringify({ version: build, precache })
  };\n${worker}`;
}

/** Reads and versions every asset of the page. */
export async function readPageAssets(): Promise<PageAssets> {
  const [sources, worker, fonts] = await Promise.all([
    readPageFiles(),
    Deno.readTextFile(SERVICE_WORKER_FILE),
    fontUrls(),
  ]);
  const list = await Promise.all(sources.map(makeAsset));
  const files = Object.fromEntries(list.map((asset) => [asset.name, asset]));
  // the device's download is offered with its size as sent: the engine's
  // compressed bodies first (at once after `deno task build`)
  const engine = [
    "engine.js",
    WASM_NAME,
    ...MODEL_NAMES.map((m) => `${m}.onnx`),
  ];
  await Promise.all(engine.map((name) => files[name].ready));
  const url = (name: string) => assetUrl(files[name]);
  const urls: AssetUrls = {
    app: url("app.js"),
    early: url("early.js"),
    style: url("style.css"),
    engine: url("engine.js"),
    wasm: url(WASM_NAME),
    models: Object.fromEntries(
      MODEL_NAMES.map((name) => [name, url(`${name}.onnx`)]),
    ) as Record<ModelName, string>,
    gallery: url(GALLERY_NAME),
    sizes: {
      engine: sizeOf(files["engine.js"]),
      wasm: sizeOf(files[WASM_NAME]),
      models: Object.fromEntries(
        MODEL_NAMES.map((name) => [name, sizeOf(files[`${name}.onnx`])]),
      ) as Record<ModelName, FileSize>,
    },
  };
  const build = await contentHash(
    new TextEncoder().encode(
      [...list.map((asset) => `${asset.name}:${asset.version}`), ...fonts]
        .join("\n") + worker,
    ),
  );
  const precache = ["/", ...list.map(assetUrl), ...fonts];
  const serviceWorker = await makeAsset({
    name: "sw.js",
    type: "text/javascript; charset=utf-8",
    body: new TextEncoder().encode(
      serviceWorkerSource(build, precache, worker),
    ),
  });
  return { files, urls, build, serviceWorker };
}

let assets: Promise<PageAssets> | undefined;

/** The page's assets, read once per process (a failed read is retried). */
export function pageAssets(): Promise<PageAssets> {
  if (!assets) {
    assets = readPageAssets();
    assets.catch(() => assets = undefined);
  }
  return assets;
}
