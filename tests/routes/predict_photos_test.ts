/**
 * Tests of `routes/predict.ts` with phone photos: a 12-megapixel JPEG
 * (4032×3024, baseline and progressive) and an 8-megapixel PNG of a test
 * digit are read, within the server's memory budget for work in flight
 * (decoded smaller: lib/input/_jpeg_scaled.ts, _png_strips.ts).
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { decodeCost } from "../../lib/input/mod.ts";
import { WORK_BUDGET_MB } from "../../lib/limits.ts";
import { testImages } from "../_data.ts";
import { baselineJpeg, digitPhoto, mozJpeg, rgbPng } from "../_photos.ts";
import { expectOk, upload } from "./_predict.ts";

/** Test image 0, a 7. */
const INDEX = 0;

// the decoding worker started (its modules loaded) before any photo's time
// limit runs
await expectOk(
  await upload(rgbPng(await digitPhoto(INDEX, 280, 210)), "image/png"),
);

const photos: [string, () => Promise<Uint8Array<ArrayBuffer>>, string][] = [
  [
    "a 12 MP baseline JPEG",
    async () => baselineJpeg(await digitPhoto(INDEX, 4032, 3024)),
    "image/jpeg",
  ],
  [
    "a 12 MP progressive JPEG",
    async () => await mozJpeg(await digitPhoto(INDEX, 4032, 3024)),
    "image/jpeg",
  ],
  [
    "an 8 MP PNG",
    async () => rgbPng(await digitPhoto(INDEX, 3264, 2448)),
    "image/png",
  ],
];

for (const [name, make, type] of photos) {
  Deno.test(`POST /api/predict reads ${name} of a digit, within the memory budget`, async () => {
    const bytes = await make();
    const cost = decodeCost(bytes).bytes;
    // two at once fit the budget (each alone was refused as too large)
    assertEquals(
      cost < WORK_BUDGET_MB * 2 ** 20 / 2,
      true,
      `${Math.round(cost / 2 ** 20)} MiB to decode`,
    );
    const body = await expectOk(await upload(bytes, type));
    const [, labels] = await testImages();
    assertEquals(body.digit, labels.data[INDEX]);
  });
}
