/**
 * deno task bench: one iteration = the 10,000 test images, so
 * images per second = 10,000 × iter/s of each row.
 *
 * @module
 */

import { createBatcher } from "../../lib/runtime/mod.ts";
import { evaluate } from "../../lib/evaluate/mod.ts";
import { predictMlp } from "../../lib/reference/mod.ts";
import { pixelRows } from "../../lib/input/mod.ts";
import {
  bookWeights,
  mlpSession,
  testImages,
  testPixels,
} from "../../tests/_data.ts";

const [images] = await testImages();
const pixels = await testPixels();
const session = await mlpSession();
const weights = await bookWeights();

for (const batchSize of [1, 100, 10000]) {
  Deno.bench({
    name: `onnxruntime-web, batch size ${batchSize}`,
    group: "10,000 test images",
    baseline: batchSize === 100,
    n: batchSize === 1 ? 5 : 20,
    async fn() {
      await evaluate({ session, images: pixels, batchSize });
    },
  });
}

// what the server's dynamic batcher does with 10,000 requests of one image
// that all arrive at once: coalesce them into runs of at most 64
for (const maxBatchSize of [64, 256]) {
  const batcher = createBatcher({ session, maxBatchSize });
  Deno.bench({
    name: `batcher, 10,000 concurrent single images, max batch ${maxBatchSize}`,
    group: "10,000 test images",
    n: 10,
    async fn() {
      const calls = [];
      for (let i = 0; i < 10000; i++) {
        calls.push(batcher.predict(pixelRows(pixels, i, i + 1)));
      }
      await Promise.all(calls);
    },
  });
}

Deno.bench({
  name: "plain TypeScript forward pass, one batch of 10,000",
  group: "10,000 test images",
  n: 5,
  fn() {
    predictMlp(weights, images);
  },
});
