/**
 * Shared fixtures of the tests: the MNIST test set, the book's weights and the
 * converted model, each loaded once per test process.
 *
 * @module
 */

import type { MlpWeights } from "../lib/reference/mod.ts";
import { loadMnistSet, type MnistSet } from "../lib/mnist/mod.ts";
import { readNumpyPickle } from "../lib/convert/mod.ts";
import { openModel } from "../lib/runtime/mod.ts";
import { configureSharedDecodePool } from "../lib/http/mod.ts";
import type { Session } from "../lib/infer/mod.ts";
import type { Tensor } from "../lib/tensor.ts";
import { pixelRows, type Pixels, pixelsFromFloats } from "../lib/input/mod.ts";

/** The book's weight pickle, beside the project as ../shared/weights/. */
export const PICKLE = new URL(
  "../../shared/weights/sample_weight.pkl",
  import.meta.url,
);

/** The book's published probabilities for test image 11 (label 6). */
export const BOOK_IMAGE_11 = [
  2.6870526e-03,
  4.4876558e-04,
  5.7756763e-02,
  7.5509388e-04,
  5.0751637e-03,
  9.0242680e-03,
  9.1198188e-01,
  1.9680336e-05,
  1.2216875e-02,
  3.4506880e-05,
];

let testSet: Promise<MnistSet> | undefined;
let weights: Promise<MlpWeights> | undefined;
let session: Promise<Session> | undefined;

/** The 10,000 test images (normalized, flattened) and their labels. */
export function testImages(): Promise<[Tensor, Tensor<Uint8Array>]> {
  testSet ??= loadMnistSet("test");
  return testSet as Promise<[Tensor, Tensor<Uint8Array>]>;
}

let pixels: Promise<Pixels> | undefined;

/** The 10,000 test images as checked pixels (what a session takes). */
export function testPixels(): Promise<Pixels> {
  pixels ??= testImages().then(([images]) => pixelsFromFloats(images.data));
  return pixels;
}

/** Test image `index` as checked pixels (one image). */
export async function testPixel(index: number): Promise<Pixels> {
  return pixelRows(await testPixels(), index, index + 1);
}

/** The chapter-3 weights read from the book's pickle. */
export function bookWeights(): Promise<MlpWeights> {
  weights ??= Deno.readFile(PICKLE).then((bytes) =>
    readNumpyPickle(bytes) as unknown as MlpWeights
  );
  return weights;
}

/** One onnxruntime-web session on model/mlp.onnx, shared by the tests. */
export function mlpSession(): Promise<Session> {
  session ??= openModel("mlp");
  return session;
}

// onnxruntime-web opens a MessagePort the first time it starts; Deno 2.5's
// test sanitizer would count it against whichever test starts it first.
// Starting it here, while this module loads (before any test runs), keeps
// it out of every test: each test file that runs a network imports this one.
await mlpSession();

// the image decoder's shared worker stays for the whole test process: an idle
// timer per image would outlive the test that set it (Deno 2.5's sanitizer)
configureSharedDecodePool({ idleMs: Infinity });

/** Whether two byte arrays are equal (assertEquals recurses too deep on large ones). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
