import {
  assertAlmostEquals,
  assertEquals,
  assertRejects,
  assertThrows,
} from "@std/assert";
import { predictMlp } from "../../../lib/reference/mlp.ts";
import {
  argmax,
  checkPixels,
  type Prediction,
} from "../../../lib/serve/session.ts";
import { row, rows } from "../../../lib/tensor.ts";
import {
  BOOK_IMAGE_11,
  bookWeights,
  mlpSession,
  testImages,
} from "../../_data.ts";

async function accuracyAt(batchSize: number): Promise<number> {
  const session = await mlpSession();
  const [images, labels] = await testImages();
  let correct = 0;
  for (let start = 0; start < 10000; start += batchSize) {
    const { digits } = await session.predict(
      rows(images, start, start + batchSize),
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
  const [images, labels] = await testImages();
  const { probabilities, digits } = await session.predict(row(images, 11));
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
  const { probabilities, digits } = await session.predict(images);
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
  const [images] = await testImages();
  const { outputs } = await session.predict(row(images, 11), [
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
  const [images] = await testImages();
  const alone: Prediction[] = [];
  for (let i = 0; i < 20; i++) {
    alone.push(await session.predict(rows(images, i * 5, i * 5 + 5)));
  }
  const together = await Promise.all(
    Array.from(
      { length: 20 },
      (_, i) => session.predict(rows(images, i * 5, i * 5 + 5)),
    ),
  );
  together.forEach((p, i) => {
    assertEquals(p.digits, alone[i].digits);
    assertEquals(p.probabilities.data, alone[i].probabilities.data);
  });
});

Deno.test("a failed predict() does not block the calls queued after it", async () => {
  const session = await mlpSession();
  const [images] = await testImages();
  const bad = session.predict(new Float32Array(783));
  const good = session.predict(row(images, 0));
  await assertRejects(() => bad, TypeError);
  assertEquals((await good).digits[0], 7);
  await assertRejects(
    () => session.predict(row(images, 0), ["nope"]),
    TypeError,
    "no output nope",
  );
});

const errorCases: [
  Float32Array | { data: Float32Array; shape: number[] },
  ErrorConstructor,
  string,
][] = [
  [new Float32Array(783), TypeError, "N×784 float32 pixels expected"],
  [new Float32Array(0), TypeError, "no images"],
  [
    { data: new Float32Array(784), shape: [1, 28, 27] },
    TypeError,
    "got shape [1,28,27]",
  ],
  [
    { data: new Float32Array(784 * 2), shape: [1, 784] },
    TypeError,
    "1568 values",
  ],
  [new Float32Array(784).fill(2), RangeError, "pixel 0 of image 0 is 2"],
  [
    Float32Array.from({ length: 1568 }, (_, i) => i === 900 ? NaN : 0),
    RangeError,
    "pixel 116 of image 1 is NaN",
  ],
  [new Float32Array(784).fill(-0.5), RangeError, "values in [0, 1] expected"],
];

for (const [pixels, ErrorClass, message] of errorCases) {
  Deno.test(`checkPixels() refuses: ${message}`, () => {
    assertThrows(() => checkPixels(pixels), ErrorClass, message);
  });
}

Deno.test("checkPixels() accepts one image or N×1×28×28 and gives N×784", () => {
  assertEquals(checkPixels(new Float32Array(784)).shape, [1, 784]);
  assertEquals(
    checkPixels({ data: new Float32Array(784 * 3), shape: [3, 1, 28, 28] })
      .shape,
    [3, 784],
  );
});

Deno.test("argmax() picks the first largest value of each row", () => {
  assertEquals(
    argmax({
      data: new Float32Array([0.1, 0.7, 0.2, 0.5, 0.5, 0]),
      shape: [2, 3],
    }),
    new Uint8Array([1, 0]),
  );
});
