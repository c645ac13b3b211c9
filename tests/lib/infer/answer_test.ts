import { assertEquals, assertThrows } from "@std/assert";
import {
  answerOf,
  answersOf,
  toJsonNumbers,
} from "../../../lib/infer/answer.ts";
import type { Prediction } from "../../../lib/infer/session.ts";
import { mlpSession, testPixel } from "../../_data.ts";

/** Two images: probabilities rows and one hidden output of width 3. */
function twoImages(outputs = true): Prediction {
  return {
    probabilities: {
      data: Float32Array.from({ length: 20 }, (_, i) => (i % 10) / 45),
      shape: [2, 10],
    },
    digits: Uint8Array.from([9, 9]),
    outputs: outputs
      ? { z1: { data: Float32Array.from([1, 2, 3, 4, 5, 6]), shape: [2, 3] } }
      : {},
  };
}

Deno.test("answerOf() gives row i's digit, probabilities and hidden layers", () => {
  const answer = answerOf(twoImages(), 1);
  assertEquals(answer.digit, 9);
  assertEquals(answer.probabilities.length, 10);
  assertEquals(
    answer.probabilities[2],
    Number(Math.fround(2 / 45).toPrecision(9)),
  );
  assertEquals(answer.activations, { z1: [4, 5, 6] });
});

Deno.test("answerOf() leaves out activations when none were asked for", () => {
  assertEquals(Object.keys(answerOf(twoImages(false), 0)), [
    "digit",
    "probabilities",
  ]);
});

Deno.test("answersOf() answers every image in order", () => {
  const answers = answersOf(twoImages());
  assertEquals(answers.length, 2);
  assertEquals(answers[0].activations, { z1: [1, 2, 3] });
});

const errorCases: [number, string][] = [
  [2, "images 0 to 1"],
  [-1, "images 0 to 1"],
  [0.5, "images 0 to 1"],
];

for (const [i, message] of errorCases) {
  Deno.test(`answerOf(prediction, ${i}) throws a RangeError`, () => {
    assertThrows(() => answerOf(twoImages(), i), RangeError, message);
  });
}

Deno.test("answerOf() of a real session: the API's numbers for test image 11", async () => {
  const session = await mlpSession();
  const prediction = await session.predict(await testPixel(11), ["a1", "z1"]);
  const answer = answerOf(prediction, 0);
  assertEquals(answer.digit, 6);
  assertEquals(
    answer.probabilities,
    toJsonNumbers(prediction.probabilities.data),
  );
  assertEquals(answer.activations?.z1.length, 50);
  assertEquals(Object.keys(answer.activations ?? {}), ["a1", "z1"]);
});

Deno.test("toJsonNumbers() keeps each float32 exactly in 9 digits", () => {
  const values = new Float32Array([0.1, 1 / 3, 0.9119816422462463, 1.968e-5]);
  const numbers = toJsonNumbers(values);
  numbers.forEach((n, i) => assertEquals(Math.fround(n), values[i]));
  assertEquals(numbers[0], 0.100000001);
});

Deno.test("toJsonNumbers() gives the doubles Number(value.toPrecision(9)) gives, for every kind of float32", () => {
  const bits = new Uint32Array(1_000_000);
  for (let i = 0; i < bits.length; i++) {
    bits[i] = (i * 2654435761 + (i >>> 7) * 40503) >>> 0; // spread over all patterns
  }
  const patterns = new Float32Array(bits.buffer);
  const edges = new Float32Array([
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    1e-45, // the least subnormal
    1.17549435e-38,
    3.4028235e38,
    1e-14,
    1e-15,
    1e9,
    99999999.5,
    999999999.5,
    0.1,
    0.01,
    1,
    10,
    -0.5,
    0.125,
    ...Array.from({ length: 40 }, (_, k) => 10 ** (k - 30)),
    ...Array.from({ length: 40 }, (_, k) => -(10 ** (k - 30)) * 0.999999),
  ]);
  const probabilities = Float32Array.from(
    { length: 200_000 },
    (_, i) => ((i * 0.6180339887) % 1) ** 8,
  );
  for (const values of [patterns, edges, probabilities]) {
    const numbers = toJsonNumbers(values);
    values.forEach((value, i) => {
      const expected = Number(value.toPrecision(9));
      if (!Object.is(numbers[i], expected)) {
        throw new Error(`${value}: ${numbers[i]}, expected ${expected}`);
      }
    });
  }
});
