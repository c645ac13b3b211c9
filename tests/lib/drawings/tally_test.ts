import { assertEquals } from "@std/assert";
import { type DrawingSummary, Tally } from "../../../lib/drawings/tally.ts";

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

Deno.test("Tally counts labels, right answers and the confusion of each model", () => {
  const tally = new Tally();
  tally.add(summary(7, 1, 7));
  tally.add(summary(7, 7, 7));
  tally.add(summary(0, 6, 0));
  const stats = tally.stats();
  assertEquals(stats.count, 3);
  assertEquals(stats.labels, [1, 0, 0, 0, 0, 0, 0, 2, 0, 0]);
  assertEquals(stats.models.mlp.correct, 1);
  assertEquals(stats.models.mlp.accuracy, 1 / 3);
  assertEquals(stats.models.mlp.confusion[7][1], 1);
  assertEquals(stats.models.mlp.confusion[0][6], 1);
  assertEquals(stats.models["deep-cnn"].accuracy, 1);
});

Deno.test("Tally.remove() undoes add(), and stats() are copies that later moves leave alone", () => {
  const tally = new Tally();
  tally.add(summary(3, 3, 3));
  const before = tally.stats();
  tally.add(summary(5, 6, 5));
  tally.remove(summary(5, 6, 5));
  assertEquals(tally.stats(), before);
  tally.add(summary(2, 2, 2));
  assertEquals(before.count, 1);
  assertEquals(before.models.mlp.confusion[2][2], 0);
  assertEquals(tally.count, 2);
});

Deno.test("Tally.stats() reports named models with no drawings as count 0 and accuracy null", () => {
  const tally = new Tally();
  tally.add(summary(1, 1)); // read by the MLP only, before the CNN was served
  const stats = tally.stats(["mlp", "deep-cnn"]);
  assertEquals(stats.models["deep-cnn"].count, 0);
  assertEquals(stats.models["deep-cnn"].accuracy, null);
  assertEquals(stats.models.mlp.count, 1);
  assertEquals(stats.models.mlp.accuracy, 1);
});
