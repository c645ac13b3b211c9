/**
 * The gallery's data in one document: the test images the page's gallery
 * shows first (the book's example, some each model reads right, the first
 * ones each misreads), with their labels and pixels. One request instead of
 * one per tile, cached for a year under its content hash and by the service
 * worker; the answers come from whichever engine the page runs.
 *
 * @module
 */

import type { Report } from "../evaluate/mod.ts";
import { testImageRows } from "../mnist/mod.ts";

/** The book's example: test image 11, a 6. */
export const BOOK_EXAMPLE = 11;
/** Images each model reads right that the gallery shows (as the page's gallery does). */
export const GALLERY_CORRECT = 10;
/** Misread images per model that the gallery shows before "show more" (its page of 20 tiles). */
export const GALLERY_MISREAD = 20;

/** One test image of the gallery. */
export interface GalleryImage {
  index: number;
  label: number;
  /** The 784 pixels as bytes (0–255, row-major), base64. */
  pixels: string;
}

/** The gallery's document: `{"images": [...]}` by ascending index. */
export interface GalleryData {
  images: GalleryImage[];
}

/**
 * The indices the gallery shows first for these models' reports: the book's
 * example, the first {@linkcode GALLERY_CORRECT} each reads right and the
 * first {@linkcode GALLERY_MISREAD} each misreads; ascending, no repeats.
 */
export function galleryIndices(reports: readonly Report[]): number[] {
  const indices = new Set([BOOK_EXAMPLE]);
  for (const report of reports) {
    const wrong = new Set(report.misclassified.map((m) => m.index));
    let correct = 0;
    for (let i = 0; correct < GALLERY_CORRECT && i < report.total; i++) {
      if (!wrong.has(i) && i !== BOOK_EXAMPLE) {
        indices.add(i);
        correct++;
      }
    }
    for (const m of report.misclassified.slice(0, GALLERY_MISREAD)) {
      indices.add(m.index);
    }
  }
  return [...indices].sort((a, b) => a - b);
}

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * The gallery's document for these test images, as UTF-8 JSON.
 *
 * @throws {RangeError} When an index is not a test image.
 */
export async function galleryJson(
  indices: readonly number[],
): Promise<Uint8Array> {
  // a few dozen of the 10,000: read where they lie, not the whole test set
  const { images, labels } = await testImageRows(indices);
  const data: GalleryData = {
    images: indices.map((index, i) => ({
      index,
      label: labels[i],
      pixels: base64(images[i]),
    })),
  };
  return new TextEncoder().encode(JSON.stringify(data));
}
