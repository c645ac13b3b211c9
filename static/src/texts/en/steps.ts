/**
 * "One neuron, step by step", in English.
 *
 * @module
 */

import { count } from "../format.ts";
import type { StepsTexts } from "../types.ts";

/** The book's predict() worked through. */
export const steps: StepsTexts = {
  heading: "One neuron, step by step",
  note: "chapter 3.4–3.5",
  intro:
    "The book's predict(network, x), worked through here in your browser from the same weights (sample_weight.pkl), each line of its code beside what it computes: one neuron of the first hidden layer in full, then the rest of the way to the ten probabilities.",
  input: "Input",
  testImage: "Test image",
  testImageNumber: "Test image number, 0 to 9999",
  pad: "What is on the pad",
  padEmpty: "Draw a digit or choose a test image to follow it here.",
  neuron: "Neuron j of the first hidden layer, 0 to 49",
  loading: "Loading the network's weights…",
  x: (ink: number) =>
    `x: the picture's 784 pixels, each between 0 and 1. ${
      count(ink)
    } of them are ink (not 0); only those add anything to a sum.`,
  sum: (j: number, terms: number) =>
    `a1[${j}], the weighted sum of neuron ${j}: each of the ${
      count(terms)
    } ink pixels x[i] times its weight W1[i, ${j}], all added up, then the bias b1[${j}]. The largest terms:`,
  allTerms: (n: number) => `All ${count(n)} terms`,
  pixel: "pixel i",
  layer1: "The same for all 50 neurons of the first hidden layer: a1",
  sigmoid:
    "The sigmoid function turns any sum into a value between 0 and 1: large sums come out near 1, very negative ones near 0.",
  curve: (a: string, z: string) =>
    `The sigmoid curve from −8 to 8, its dot at a1 = ${a}, z1 = ${z}`,
  layer2:
    "The second hidden layer does the same with the 50 values of z1: 100 weighted sums (W2 is 50 × 100), each through the sigmoid function.",
  layer3:
    "The output layer: 10 weighted sums of the 100 values of z2 (W3 is 100 × 10), one score a3 per digit, then the softmax function (section 3.5).",
  max: (digit: number) =>
    `The highest score, digit ${digit}'s. The exp of a large score overflows (exp(1000) is Infinity), so the book subtracts c first (section 3.5.2): each a − c is at most 0, each exp at most 1, and y does not change.`,
  exp:
    "The exp of each shifted score: positive numbers, the highest score's exactly 1.",
  divide: "Each divided by their sum: ten probabilities that add up to 1.",
  digit: "digit",
  book: "the book",
  answer: (digit: number, p: string) =>
    `The answer: ${digit}, the digit with the largest y (${p}).`,
};
