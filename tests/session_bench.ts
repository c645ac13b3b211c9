// deno task bench: one iteration = the 10,000 test images, so
// images per second = 10,000 × iter/s of each row.

import { evaluate } from "../lib/evaluate.ts";
import { predictMlp } from "../lib/forward.ts";
import { bookWeights, mlpSession, testImages } from "./_data.ts";

const [images] = await testImages();
const session = await mlpSession();
const weights = await bookWeights();

for (const batchSize of [1, 100, 10000]) {
  Deno.bench({
    name: `onnxruntime-web, batch size ${batchSize}`,
    group: "10,000 test images",
    baseline: batchSize === 100,
    n: batchSize === 1 ? 5 : 20,
    async fn() {
      await evaluate({ session, images, batchSize });
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
