/**
 * "Run the test set", in English.
 *
 * @module
 */

import { count } from "../format.ts";
import type { TestRunTexts } from "../types.ts";

/** The book's accuracy loop, run in front of the reader. */
export const testRun: TestRunTexts = {
  heading: "Run the test set",
  note: "chapter 3.6.3",
  intro:
    "The book's accuracy loop over all 10,000 test images, run here: batch after batch through the network, each answer checked against its label. Try batch sizes 1 and 100 and compare how many images a second each reads — that is what batch processing buys.",
  batchSize: "Batch size (batch_size)",
  run: "Run the test set",
  cancel: "Cancel",
  where: {
    device: "on this device",
    server: "through the server (API)",
  },
  serverBatches: (smallest: number) =>
    `Through the server only batches of ${smallest} or more: smaller ones would take more requests than the server allows one reader a minute.`,
  progress: "Test images read",
  loading: "Loading the test set…",
  counter: (correct: number, total: number, accuracy: string) =>
    `accuracy_cnt = ${count(correct)} of ${
      count(total)
    } → Accuracy: ${accuracy}`,
  cancelled: (done: number) => `Stopped after ${count(done)} images.`,
  timingHeading: "Images a second, by batch size",
  untried: (batchSize: number) =>
    `batch_size = ${count(batchSize)}: not run yet`,
  timing: (batchSize: number, perSecond: number, where: string) =>
    `batch_size = ${count(batchSize)}: ${
      count(Math.round(perSecond))
    } images a second, ${where}`,
  code: "The book's code (ch03/neuralnet_mnist_batch.py)",
};
