import { assertEquals, assertThrows } from "@std/assert";
import {
  type Counter,
  countersOf,
  type DrawingSummary,
  Tally,
} from "../../../lib/drawings/tally.ts";

const summary = (
  label: number,
  mlp: number,
  cnn?: number,
): DrawingSummary => ({
  label,
  digits: cnn === undefined ? { mlp } : { mlp, "deep-cnn": cnn } as Record<
    string,
    number
  >,
  expiresAt: 0,
});

/** A tally of the drawings, each counted `step` times. */
function tallyOf(summaries: DrawingSummary[], step = 1): Tally {
  const tally = new Tally();
  for (const s of summaries) {
    for (const counter of countersOf(s)) tally.add(counter, step);
  }
  return tally;
}

Deno.test("countersOf() names the total, the label and one confusion cell per model", () => {
  assertEquals(countersOf(summary(7, 1, 7)), [
    ["count"],
    ["label", 7],
    ["model", "mlp", 7, 1],
    ["model", "deep-cnn", 7, 7],
  ]);
});

Deno.test("Tally counts labels, right answers and the confusion of each model", () => {
  const stats = tallyOf([summary(7, 1, 7), summary(7, 7, 7), summary(0, 6, 0)])
    .stats();
  assertEquals(stats.count, 3);
  assertEquals(stats.labels, [1, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
  assertEquals(stats.models.mlp.correct, 1);
  assertEquals(stats.models.mlp.accuracy, 1 / 3);
  assertEquals(stats.models.mlp.confusion[7][1], 1);
  assertEquals(stats.models.mlp.confusion[0][6], 1);
  assertEquals(stats.models["deep-cnn"].accuracy, 1);
});

Deno.test("Tally: counters added with their values give the same stats as one drawing at a time, and stats() are copies", () => {
  const drawings = [summary(3, 3, 3), summary(3, 3, 3), summary(5, 6, 5)];
  const byOne = tallyOf(drawings);
  const byValue = new Tally();
  const counters: [Counter, number][] = [
    [["count"], 3],
    [["label", 3], 2],
    [["label", 5], 1],
    [["model", "mlp", 3, 3], 2],
    [["model", "mlp", 5, 6], 1],
    [["model", "deep-cnn", 3, 3], 2],
    [["model", "deep-cnn", 5, 5], 1],
  ];
  for (const [counter, n] of counters) byValue.add(counter, n);
  const before = byValue.stats();
  assertEquals(before, byOne.stats());
  byValue.add(["model", "mlp", 3, 3], 1);
  assertEquals(before.models.mlp.confusion[3][3], 2);
});

Deno.test("Tally.stats() reports named models with no drawings as count 0 and accuracy null", () => {
  // read by the MLP only, before the CNN was served
  const stats = tallyOf([summary(1, 1)]).stats(["mlp", "deep-cnn"]);
  assertEquals(stats.models["deep-cnn"].count, 0);
  assertEquals(stats.models["deep-cnn"].accuracy, null);
  assertEquals(stats.models.mlp.count, 1);
  assertEquals(stats.models.mlp.accuracy, 1);
});

const errorCases: [Counter, string][] = [
  [["label", 10], "10"],
  [["label", -1], "-1"],
  [["model", "mlp", 2, 1.5], "1.5"],
];

for (const [counter, message] of errorCases) {
  Deno.test(`Tally.add() refuses the counter ${JSON.stringify(counter)}`, () => {
    assertThrows(() => new Tally().add(counter, 1), RangeError, message);
  });
}
