import { assert, assertEquals } from "@std/assert";
import {
  BOOK_EXAMPLE,
  GALLERY_CORRECT,
  GALLERY_MISREAD,
  galleryIndices,
  galleryJson,
} from "../../../lib/assets/gallery.ts";
import { buildReport } from "../../../lib/evaluate/mod.ts";
import {
  BOOK_EXAMPLE as PAGE_BOOK_EXAMPLE,
  CORRECT_SHOWN,
  correctIndices,
  PAGE,
} from "../../../static/src/components/gallery.tsx";
import { readReport } from "../../../lib/runtime/mod.ts";
import { testImages } from "../../../lib/mnist/mod.ts";

/** A report of 100 images where every 7th (by index) is misread. */
function everySeventhWrong(model: string) {
  const labels = Array.from({ length: 100 }, (_, i) => i % 10);
  const digits = labels.map((d, i) => i % 7 === 0 ? (d + 1) % 10 : d);
  return buildReport({ model, labels, digits, batchSize: 10, seconds: 0 });
}

Deno.test("galleryIndices() takes the book's example, the first read right and the first misread", () => {
  const indices = galleryIndices([everySeventhWrong("a")]);
  const wrong = [0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98];
  const right = [1, 2, 3, 4, 5, 6, 8, 9, 10, 12];
  assertEquals(
    indices,
    [...new Set([BOOK_EXAMPLE, ...wrong, ...right])].sort((a, b) => a - b),
  );
});

Deno.test("the gallery's data holds as many tiles as the page's gallery shows first", () => {
  assertEquals(BOOK_EXAMPLE, PAGE_BOOK_EXAMPLE);
  assertEquals(GALLERY_CORRECT, CORRECT_SHOWN);
  assertEquals(GALLERY_MISREAD, PAGE);
});

Deno.test("galleryIndices() covers every tile the page's gallery shows first, for both models", async () => {
  const reports = [await readReport("mlp"), await readReport("deep-cnn")];
  const indices = new Set(galleryIndices(reports));
  for (const report of reports) {
    const shown = [
      BOOK_EXAMPLE,
      ...correctIndices(report.misclassified, GALLERY_CORRECT),
      ...report.misclassified.slice(0, GALLERY_MISREAD).map((m) => m.index),
    ];
    for (const index of shown) assert(indices.has(index), `${index} missing`);
  }
});

Deno.test("galleryJson() holds each image's label and its 784 bytes", async () => {
  const { images, labels } = await testImages();
  const { images: gallery } = JSON.parse(
    new TextDecoder().decode(await galleryJson([0, 11])),
  );
  assertEquals(gallery.map((g: { index: number }) => g.index), [0, 11]);
  for (const { index, label, pixels } of gallery) {
    assertEquals(label, labels[index]);
    const bytes = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
    assertEquals(bytes, images.data.subarray(index * 784, (index + 1) * 784));
  }
});
