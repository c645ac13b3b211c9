/**
 * The files the page loads besides its HTML, and where each comes from: the
 * bundle, the early-strokes script, the device engine's chunk, the
 * stylesheet, onnxruntime-web's wasm, both ONNX models, the gallery's data
 * (made from the reports and the test set), the MLP's weights and the whole
 * test set (fetched only when the reader runs it); the fonts; the service
 * worker stamped with the build's version and what it keeps; their URLs.
 *
 * @module
 */

import { contentHash } from "./content_hash.ts";
import { MLP_WEIGHTS_FILE } from "./weights.ts";
import { ortWasm, readReport } from "../runtime/model_files.ts";
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
 * The name the MLP's weights are served under, for the page's steps through
 * one forward pass. The page asks for them only when the reader comes to
 * those steps, so the service worker keeps them then, not on install.
 */
export const WEIGHTS_NAME = "mlp.weights.bin";

/**
 * The name the test set is served under: its 10,000 images and labels as
 * two IDX files in one (lib/mnist/test_set_file.ts), for the page's run of
 * the book's accuracy loop. Fetched only when the reader asks, so the
 * service worker keeps it then, not on install.
 */
export const TEST_SET_NAME = "mnist-test.bin";

/** The files the service worker keeps when first asked for, not on install. */
const ON_DEMAND = [WEIGHTS_NAME, TEST_SET_NAME];

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

/** The service worker's type. */
export const SCRIPT = "text/javascript; charset=utf-8";

/** The wasm's type. */
export const WASM_TYPE = "application/wasm";

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
  /** The MLP's six arrays (lib/assets/weights.ts), fetched when asked. */
  weights: string;
  /** The test set (lib/mnist/test_set_file.ts), fetched when asked. */
  testSet: string;
  /**
   * The device engine's files' sizes (its chunk, the wasm, each model): the
   * page offers the device with them and counts its download against them.
   */
  sizes: {
    engine: FileSize;
    wasm: FileSize;
    models: Record<ModelName, FileSize>;
    testSet: FileSize;
  };
}

/** The files whose sizes the page names: the device engine's, and the test set. */
export const ENGINE_FILES = [
  "engine.js",
  WASM_NAME,
  ...MODEL_NAMES.map((name) => `${name}.onnx`),
  TEST_SET_NAME,
];

/** The URL of an asset: `/static/<name>?v=<hash>`. */
export function assetUrl(asset: { name: string; version: string }): string {
  return `/static/${asset.name}?v=${asset.version}`;
}

/** A file the page loads, as read: its name under /static/, type and bytes. */
export interface PageFile {
  name: string;
  type: string;
  body: Uint8Array;
}

/** Where each file the page loads comes from (the gallery's data is made). */
export function sourceFile(name: string): URL | undefined {
  if (name in STATIC_FILES) return new URL(name, STATIC_DIR);
  if (name === WEIGHTS_NAME) return MLP_WEIGHTS_FILE;
  const model = MODEL_NAMES.find((model) => name === `${model}.onnx`);
  return model ? MODELS[model].file : undefined;
}

/** Options of {@linkcode readPageFiles}. */
export interface ReadOptions {
  /** Whether to read onnxruntime-web's wasm (13.6 MiB) too: true by default. */
  wasm?: boolean;
  /** Whether to make the test set's file (7.9 MB) too: true by default. */
  testSet?: boolean;
}

/**
 * Reads the files the page loads (all but the service worker): what the
 * server holds as assets and the build precompresses.
 */
export async function readPageFiles(
  options: ReadOptions = {},
): Promise<PageFile[]> {
  const reports = await Promise.all(MODEL_NAMES.map(readReport));
  const { galleryIndices, galleryJson } = await import("./gallery.ts");
  return await Promise.all([
    ...Object.entries(STATIC_FILES).map(async ([name, type]) => ({
      name,
      type,
      body: await Deno.readFile(sourceFile(name)!),
    })),
    ...options.wasm === false ? [] : [
      ortWasm().then((body) => ({ name: WASM_NAME, type: WASM_TYPE, body })),
    ],
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
    Deno.readFile(MLP_WEIGHTS_FILE).then((body) => ({
      name: WEIGHTS_NAME,
      type: "application/octet-stream",
      body,
    })),
    ...options.testSet === false ? [] : [
      testSetFile().then((body) => ({
        name: TEST_SET_NAME,
        type: "application/octet-stream",
        body,
      })),
    ],
  ]);
}

/** The test set's file, made from the IDX files (lib/mnist). */
export async function testSetFile(): Promise<Uint8Array> {
  const [{ testImages }, { encodeTestSet }] = await Promise.all([
    import("../mnist/embedded.ts"),
    import("../mnist/test_set_file.ts"),
  ]);
  const { images, labels } = await testImages();
  return encodeTestSet(images, labels);
}

/** The fonts' content hashes, by file name. */
export async function fontVersions(): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(FONTS.map(async (name) => [
      name,
      await contentHash(await Deno.readFile(new URL(name, FONT_DIR))),
    ])),
  );
}

/** The fonts' URLs as style.css names them: `/static/fonts/<name>?v=<hash>`. */
export async function fontUrls(
  versions?: Record<string, string>,
): Promise<string[]> {
  const fonts = versions ?? await fontVersions();
  return FONTS.map((name) => `/static/fonts/${name}?v=${fonts[name]}`);
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

/**
 * The URLs of the page's files, from each file's version (by name), and the
 * engine's files' sizes.
 */
export function urlsOf(
  versions: Record<string, string>,
  sizes: Record<string, FileSize>,
): AssetUrls {
  const url = (name: string) => assetUrl({ name, version: versions[name] });
  return {
    app: url("app.js"),
    early: url("early.js"),
    style: url("style.css"),
    engine: url("engine.js"),
    wasm: url(WASM_NAME),
    models: Object.fromEntries(
      MODEL_NAMES.map((name) => [name, url(`${name}.onnx`)]),
    ) as Record<ModelName, string>,
    gallery: url(GALLERY_NAME),
    weights: url(WEIGHTS_NAME),
    testSet: url(TEST_SET_NAME),
    sizes: {
      engine: sizes["engine.js"],
      wasm: sizes[WASM_NAME],
      models: Object.fromEntries(
        MODEL_NAMES.map((name) => [name, sizes[`${name}.onnx`]]),
      ) as Record<ModelName, FileSize>,
      testSet: sizes[TEST_SET_NAME],
    },
  };
}

/** The service worker and the build's version, over the files and fonts. */
export async function serviceWorkerFor(
  versions: Record<string, string>,
  fonts: Record<string, string>,
): Promise<{ build: string; source: string }> {
  const [worker, fontList] = await Promise.all([
    Deno.readTextFile(SERVICE_WORKER_FILE),
    fontUrls(fonts),
  ]);
  const names = Object.keys(versions).sort();
  const build = await contentHash(
    new TextEncoder().encode(
      [...names.map((name) => `${name}:${versions[name]}`), ...fontList]
        .join("\n") + worker,
    ),
  );
  const precache = [
    "/",
    ...names.filter((name) => !ON_DEMAND.includes(name))
      .map((name) => assetUrl({ name, version: versions[name] })),
    ...fontList,
  ];
  return { build, source: serviceWorkerSource(build, precache, worker) };
}
