/**
 * The first screen: the pad, the answer, doubt, both models, in English.
 *
 * @module
 */

import { withArticle } from "../english.ts";
import { percent, points } from "../format.ts";
import type { Guess, PlayTexts } from "../types.ts";

/** The first screen: the pad, the answer, doubt, both models. */
export const play: PlayTexts = {
  drawHeading: "Draw a digit",
  canvasLabel: "Drawing area: draw one digit from 0 to 9",
  gettingReady: "Getting ready…",
  undo: "Undo",
  clear: "Clear",
  keysHint: "Esc or Delete clears · Ctrl/⌘ + Z undoes the last stroke",
  prompt: "Draw a digit from 0 to 9: the network reads it as you draw.",
  tryExample: "Or feed it the book's example, test image #11",
  predictionLabel: (model: string) => `The ${model} reads`,
  score: (p: number) => `softmax ${percent(p)}`,
  unsure: "Not sure",
  unsureGuess: (digit: number) => `perhaps ${withArticle(digit)}?`,
  reasonLittleInk: "Too little ink to be a digit: draw it larger.",
  reasonTooWide: "Far wider than tall: no digit in MNIST is.",
  reasonDisagree: (a: string, b: string) =>
    `The two networks read it differently: ${a}, ${b}.`,
  reasonCloseCall: (
    model: string,
    first: Guess,
    second: Guess,
    needed: number,
  ) =>
    `The ${model}'s top two answers, ${first.digit} (${
      percent(first.probability)
    }) and ${second.digit} (${percent(second.probability)}), are ${
      points(first.probability - second.probability)
    } points apart: less than the ${
      points(needed, 0)
    } it needs for a clear reading.`,
  announce: (model: string, digit: number, p: number) =>
    `The ${model} reads ${digit}, softmax ${percent(p)}.`,
  announceUnsure: (model: string, digit: number) =>
    `Not sure. The ${model} says perhaps ${digit}.`,
  fromDrawing: "your drawing",
  fromTestImage: (index: number, label: number) =>
    `test image #${index} (label ${label})`,
  trace: "Trace over it",
  traceOff: "Hide the tracing image",
  inputHeading: "What the network sees",
  inputNote: "28 × 28, centred as in MNIST",
  probabilitiesHeading: "Softmax output",
  probabilitiesNote:
    "Ten numbers that always add up to 1: shares, not a measure of certainty.",
  compareLabel: "Both models:",
  disagree: "they disagree",
};
