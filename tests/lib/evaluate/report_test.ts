/**
 * Tests of `lib/evaluate/report.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { buildReport } from "../../../lib/evaluate/report.ts";
import { formatReport, reportContent } from "../../../scripts/evaluate.ts";
import { evaluate } from "../../../lib/evaluate/batch_loop.ts";
import { mlpSession, testImages, testPixels } from "../../_data.ts";
import { openModel } from "../../../lib/runtime/mod.ts";

Deno.test("buildReport() counts the confusion matrix, precision, recall and the mistakes", () => {
  const report = buildReport({
    model: "m",
    labels: [0, 0, 1, 1, 2],
    digits: [0, 1, 1, 1, 0],
    batchSize: 5,
    seconds: 0.5,
  });
  assertEquals(report.correct, 3);
  assertEquals(report.accuracy, 0.6);
  assertEquals(report.confusion[0].slice(0, 3), [1, 1, 0]);
  assertEquals(report.confusion[2].slice(0, 3), [1, 0, 0]);
  assertEquals(report.perDigit[1], {
    digit: 1,
    count: 2,
    precision: 2 / 3,
    recall: 1,
  });
  assertEquals(report.perDigit[0], {
    digit: 0,
    count: 2,
    precision: 0.5,
    recall: 0.5,
  });
  assertEquals(report.perDigit[5], {
    digit: 5,
    count: 0,
    precision: 0,
    recall: 0,
  });
  assertEquals(report.misclassified, [
    { index: 1, label: 0, prediction: 1 },
    { index: 4, label: 2, prediction: 0 },
  ]);
});

Deno.test("buildReport() refuses mismatched lengths and non-digits", () => {
  const base = { model: "m", batchSize: 1, seconds: 0 };
  assertThrows(
    () => buildReport({ ...base, labels: [1], digits: [1, 2] }),
    TypeError,
    "1 labels and 2 predictions",
  );
  assertThrows(
    () => buildReport({ ...base, labels: [], digits: [] }),
    TypeError,
  );
  assertThrows(
    () => buildReport({ ...base, labels: [10], digits: [1] }),
    RangeError,
    "digits 0–9 expected",
  );
});

Deno.test("the committed model/report.json equals a fresh evaluation (timing aside)", async () => {
  const committed = await Deno.readTextFile(
    new URL("../../../model/report.json", import.meta.url),
  );
  const [, labels] = await testImages();
  const images = await testPixels();
  const { digits } = await evaluate({
    session: await mlpSession(),
    images,
    batchSize: 100,
  });
  const fresh = buildReport({
    model: "mlp",
    labels: labels.data,
    digits,
    batchSize: 100,
    seconds: 0,
  });
  assertEquals(fresh.accuracy, 0.9352);
  assertEquals(reportContent(JSON.parse(committed)), reportContent(fresh));
  assertEquals(formatReport(JSON.parse(committed)), committed);
});

Deno.test("the committed model/deep-cnn.report.json equals a fresh evaluation (timing aside)", async () => {
  const committed = await Deno.readTextFile(
    new URL("../../../model/deep-cnn.report.json", import.meta.url),
  );
  const [, labels] = await testImages();
  const images = await testPixels();
  const session = await openModel("deep-cnn");
  try {
    const { digits } = await evaluate({ session, images, batchSize: 100 });
    const fresh = buildReport({
      model: "deep-cnn",
      labels: labels.data,
      digits,
      batchSize: 100,
      seconds: 0,
    });
    assertEquals(fresh.correct, 9797);
    assertEquals(reportContent(JSON.parse(committed)), reportContent(fresh));
  } finally {
    await session.release();
  }
});
