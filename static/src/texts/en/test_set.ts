/**
 * The test set: the gallery and the chosen model's report, in English.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import { count, percent } from "../format.ts";
import type { TestSetTexts } from "../types.ts";

/** The test set: the gallery and the chosen model's report. */
export const testSet: TestSetTexts = {
  galleryHeading: "The MNIST test set",
  galleryIntro:
    "Pick a test image to feed it to the networks. Each tile shows the true label → the network's answer.",
  example11: "Book example: test image #11",
  correctHeading: "Read correctly",
  misreadHeading: (n: number, model: string) =>
    `Misread by the ${model} (${count(n)} of 10,000)`,
  showMore: "Show more",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `Test image #${index}`
      : `Test image #${index}: label ${label}, read as ${prediction}`,
  filterHeading: (label: number, prediction: number, n: number) =>
    label === prediction
      ? `${count(n)} test images of ${label} read correctly`
      : `${count(n)} test images of ${label} read as ${prediction}`,
  filterNote: (shown: number, n: number) =>
    shown < n ? `the first ${shown} of ${count(n)}` : "",
  clearFilter: "Show the whole gallery",
  reportHeading: "How well it reads",
  accuracyLabel: (model: string) => `Test accuracy (${model})`,
  reportError: (message: string) =>
    `The report could not be loaded: ${
      unreached(message)
        ? "the server could not be reached. Is this device offline?"
        : message
    }`,
  correctOf: (correct: number, total: number) =>
    `${count(correct)} of ${count(total)} test images read correctly`,
  batchNote: (batchSize: number, seconds: number) =>
    `evaluated in batches of ${batchSize} in ${seconds.toFixed(2)} s`,
  confusionHeading: "Confusion matrix",
  confusionCaption:
    "Rows: the true label. Columns: the network's answer. The diagonal is right; the stronger a cell's colour, the more images it holds. Move between cells with the arrow keys and choose one to see its images.",
  labelAxis: "label",
  predictionAxis: "answer",
  perDigitHeading: "Accuracy per digit (recall)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: ${percent(recall)} of ${count(images)} images`,
};
