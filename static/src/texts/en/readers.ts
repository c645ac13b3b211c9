/**
 * "Was it right?" and the readers' drawings, in English.
 *
 * @module
 */

import { withArticle } from "../english.ts";
import { unreached } from "../failure.ts";
import { count } from "../format.ts";
import type { ReadersTexts } from "../types.ts";

const OFFLINE = "the server could not be reached. Is this device offline?";

/** "Was it right?" and the readers' drawings. */
export const readers: ReadersTexts = {
  feedbackQuestion: "Was it right?",
  feedbackHint:
    "If not, tap the digit you meant (or the same digit if it was): your drawing joins the readers' drawings below.",
  feedbackDigit: (digit: number, guessed: boolean) =>
    guessed ? `I meant ${digit} (as read)` : `I meant ${digit}`,
  storedNote: (days: number) =>
    `Tapping stores the 28 × 28 picture and the digit you tap — no IP address, no user agent — for ${
      count(days)
    } days.`,
  savedAs: (digit: number) => `Stored as ${withArticle(digit)}. Thank you!`,
  deleteMine: "Delete it",
  deletedMine: "Deleted.",
  saveError: (message: string) =>
    `Not stored: ${unreached(message) ? OFFLINE : message}`,
  readersHeading: "Readers' drawings",
  readersIntro:
    "Digits drawn on this page and labelled by the people who drew them. Real handwriting is not MNIST: here is how each network reads it, beside its accuracy on MNIST's test set.",
  readersColumn: (n: number) => `Readers' drawings (${count(n)})`,
  mnistColumn: "MNIST test set",
  readersScore: (correct: number, total: number) =>
    `${count(correct)} of ${count(total)}`,
  filterLabel: "Show:",
  filterAll: "All",
  readersLegend: "Each tile: the reader's label → MLP · DeepConvNet.",
  readersEmpty:
    "No drawings yet. Draw a digit above and tap the one you meant.",
  readersEmptyLabel: (label: number) => `No drawings of ${label} yet.`,
  readersItem: (label: number, mlp?: number, cnn?: number) =>
    `Labelled ${label}: the MLP read ${mlp ?? "?"}, the DeepConvNet ${
      cnn ?? "?"
    }`,
  readersError: (message: string) =>
    `Readers' drawings could not be loaded: ${
      unreached(message) ? OFFLINE : message
    }`,
};
