/**
 * Tests of `lib/infer/session.ts`.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals, assertRejects } from "@std/assert";
import * as ort from "onnxruntime-web";
import { predictMlp } from "../../../lib/reference/mod.ts";
import { argmax, type Prediction } from "../../../lib/infer/session.ts";
import { ClientError } from "../../../lib/errors.ts";
import { pixelRows } from "../../../lib/input/mod.ts";
import {
  BOOK_IMAGE_11,
  bookWeights,
  mlpSession,
  testImages,
  testPixel,
  testPixels,
} from "../../_data.ts";

async function accuracyAt(batchSize: number): Promise<number> {
  const session = await mlpSession();
  const [, labels] = await testImages();
  const images = await testPixels();
  let correct = 0;
  for (let start = 0; start < 10000; start += batchSize) {
    const { digits } = await session.predict(
      pixelRows(images, start, start + batchSize),
    );
    digits.forEach((d, i) => correct += d === labels.data[start + i] ? 1 : 0);
  }
  return correct / 10000;
}

Deno.test("onnxruntime-web gives the book's accuracy 0.9352 at batch size 100", async () => {
  assertEquals(await accuracyAt(100), 0.9352);
});

Deno.test("onnxruntime-web gives the book's accuracy 0.9352 at batch size 1", async () => {
  assertEquals(await accuracyAt(1), 0.9352);
});

Deno.test("test image 11 gives the book's probabilities within 1e-6, digit 6, label 6", async () => {
  const session = await mlpSession();
  const [, labels] = await testImages();
  const { probabilities, digits } = await session.predict(await testPixel(11));
  assertEquals(probabilities.shape, [1, 10]);
  BOOK_IMAGE_11.forEach((p, j) =>
    assertAlmostEquals(probabilities.data[j], p, 1e-6)
  );
  assertEquals(digits[0], 6);
  assertEquals(labels.data[11], 6);
});

Deno.test("onnxruntime-web and the plain TypeScript forward pass agree on all 10,000 images", async () => {
  const session = await mlpSession();
  const [images] = await testImages();
  const reference = predictMlp(await bookWeights(), images);
  const { probabilities, digits } = await session.predict(await testPixels());
  let maxDifference = 0;
  for (let i = 0; i < reference.data.length; i++) {
    maxDifference = Math.max(
      maxDifference,
      Math.abs(probabilities.data[i] - reference.data[i]),
    );
  }
  assertEquals(maxDifference <= 1e-5, true, `max difference ${maxDifference}`);
  assertEquals(digits, argmax(reference));
});

Deno.test("predict() returns the activations a1, z1, a2, z2, a3 when asked", async () => {
  const session = await mlpSession();
  const { outputs } = await session.predict(await testPixel(11), [
    "a1",
    "z1",
    "a2",
    "z2",
    "a3",
  ]);
  assertEquals(
    Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.shape])),
    {
      a1: [1, 50],
      z1: [1, 50],
      a2: [1, 100],
      z2: [1, 100],
      a3: [1, 10],
    },
  );
  assertAlmostEquals(
    outputs.z1.data[0],
    1 / (1 + Math.exp(-outputs.a1.data[0])),
    1e-6,
  );
});

Deno.test("overlapping predict() calls are serialised and each gets its own answer", async () => {
  const session = await mlpSession();
  const images = await testPixels();
  const alone: Prediction[] = [];
  for (let i = 0; i < 20; i++) {
    alone.push(await session.predict(pixelRows(images, i * 5, i * 5 + 5)));
  }
  const together = await Promise.all(
    Array.from(
      { length: 20 },
      (_, i) => session.predict(pixelRows(images, i * 5, i * 5 + 5)),
    ),
  );
  together.forEach((p, i) => {
    assertEquals(p.digits, alone[i].digits);
    assertEquals(p.probabilities.data, alone[i].probabilities.data);
  });
});

Deno.test("a failed predict() does not block the calls queued after it", async () => {
  const session = await mlpSession();
  const image0 = await testPixel(0);
  const bad = session.predict(image0, ["nope"]);
  const good = session.predict(image0);
  const error = await assertRejects(() => bad, ClientError, "Unknown output");
  assertEquals(error.status, 400);
  assertEquals((await good).digits[0], 7);
});

Deno.test("once a session is open, onnxruntime-web no longer holds the runtime's 14 MB of wasm bytes", async () => {
  await mlpSession();
  assertEquals(ort.env.wasm.wasmBinary, undefined);
});
