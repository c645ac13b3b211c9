/**
 * The test images the page shows, and each model's answer for them: pixels
 * from the gallery's data (one request for every tile, kept by the service
 * worker), answers for all tiles asked at once in one batch per model —
 * one device run, or one request (predictions.ts decides).
 *
 * @module
 */

import {
  type Answer,
  fetchTestImage,
  type ModelName,
  type TestImage,
} from "./api.ts";
import { pageFiles } from "./page_files.ts";
import { predictBatch } from "./predictions.ts";

/** A test image's label and pixels. */
export interface LabelledImage {
  index: number;
  label: number;
  /** 784 bytes, 0–255. */
  bytes: Uint8Array<ArrayBuffer>;
  /** The same 784 pixels in [0, 1], as the networks take them. */
  pixels: Float32Array;
}

/** The gallery document's shape (lib/assets/gallery.ts). */
interface GalleryData {
  images: { index: number; label: number; pixels: string }[];
}

function labelled(
  index: number,
  label: number,
  bytes: Uint8Array<ArrayBuffer>,
) {
  return {
    index,
    label,
    bytes,
    pixels: Float32Array.from(bytes, (b) => b / 255),
  };
}

let gallery: Promise<Map<number, LabelledImage>> | undefined;

/** The gallery's images by index: one request per page, or none when it fails. */
function galleryImages(): Promise<Map<number, LabelledImage>> {
  gallery ??= (async () => {
    const url = pageFiles()?.gallery;
    if (!url) return new Map();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    const data = await response.json() as GalleryData;
    return new Map(data.images.map(({ index, label, pixels }) => {
      const bytes = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
      return [index, labelled(index, label, bytes)];
    }));
  })().catch(() => {
    gallery = undefined;
    return new Map();
  });
  return gallery;
}

/** Test image `index`: from the gallery's data, else from the API. */
export async function testImage(
  index: number,
  signal?: AbortSignal,
): Promise<LabelledImage> {
  const known = (await galleryImages()).get(index);
  if (known) return known;
  const image = await fetchTestImage(index, { signal });
  const bytes = Uint8Array.from(image.pixels, (v) => Math.round(v * 255));
  return labelled(index, image.label, bytes);
}

interface Waiting {
  bytes: Uint8Array;
  resolve(answer: Answer): void;
  reject(error: unknown): void;
}

const queues = new Map<ModelName, Waiting[]>();

/** Answers every image asked for in one turn: one device run, or one request. */
async function flush(model: ModelName) {
  const waiting = queues.get(model) ?? [];
  queues.delete(model);
  const bytes = new Uint8Array(waiting.length * 784);
  waiting.forEach((w, i) => bytes.set(w.bytes, i * 784));
  try {
    const answers = await predictBatch(model, bytes);
    waiting.forEach((w, i) => w.resolve(answers[i]));
  } catch (error) {
    waiting.forEach((w) => w.reject(error));
  }
}

/** A model's answer for one image, asked together with the others of this turn. */
function answerOf(model: ModelName, bytes: Uint8Array): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(model);
    if (!queue) {
      queue = [];
      queues.set(model, queue);
      setTimeout(() => flush(model), 0);
    }
    queue.push({ bytes, resolve, reject });
  });
}

/**
 * Loads test image `index` (0–9999) and a model's answer: the gallery tiles'
 * one call. Tiles shown together cost one request for their pixels (the
 * gallery's data) and, before the device engine runs, one for their answers.
 *
 * @throws {Error} With the server's message when it answers 4xx/5xx.
 * @throws {DOMException} AbortError when `signal` aborts.
 */
export async function loadTestImage(
  index: number,
  options: { model?: ModelName; signal?: AbortSignal } = {},
): Promise<TestImage> {
  const { model = "mlp", signal } = options;
  const image = await testImage(index, signal);
  const answer = await answerOf(model, image.bytes);
  signal?.throwIfAborted();
  return { index, label: image.label, pixels: image.pixels, ...answer };
}
