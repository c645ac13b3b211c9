/**
 * Tests of `lib/evaluate/batch_loop.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import { countCorrect, evaluate } from "../../../lib/evaluate/batch_loop.ts";
import { mlpSession, testImages, testPixels } from "../../_data.ts";

Deno.test("evaluate() runs the test set in batches, reports progress and gives 9352 correct", async () => {
  const [, labels] = await testImages();
  const images = await testPixels();
  const progress: number[] = [];
  const { digits, probabilities } = await evaluate({
    session: await mlpSession(),
    images,
    batchSize: 3000,
    onProgress: (done) => progress.push(done),
  });
  assertEquals(progress, [3000, 6000, 9000, 10000]);
  assertEquals(probabilities.shape, [10000, 10]);
  assertEquals(countCorrect(digits, labels.data), 9352);
});

Deno.test("evaluate() refuses a batch size that is not a positive integer", async () => {
  const images = await testPixels();
  for (const batchSize of [0, -1, 2.5]) {
    await assertRejects(
      async () =>
        await evaluate({ session: await mlpSession(), images, batchSize }),
      RangeError,
      "batch size must be a positive integer",
    );
  }
});

Deno.test("countCorrect() counts equal digits", () => {
  assertEquals(countCorrect([1, 2, 3, 4], [1, 0, 3, 0]), 2);
});
