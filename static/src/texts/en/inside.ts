/**
 * Inside the network: the explainer, the forward pass, a neuron, the lab, in English.
 *
 * @module
 */

import type { InsideTexts } from "../types.ts";

/** Inside the network: the explainer, the forward pass, a neuron, the lab. */
export const inside: InsideTexts = {
  explainerHeading: "How the network reads a digit",
  layers: [
    { size: 784, name: "input", note: "28×28 pixels" },
    { size: 50, name: "hidden 1", note: "sigmoid" },
    { size: 100, name: "hidden 2", note: "sigmoid" },
    { size: 10, name: "output", note: "softmax" },
  ],
  explainer: [
    "The picture becomes 784 numbers between 0 and 1: 28 × 28 pixels, white ink on black, as in MNIST.",
    "Each layer multiplies its input by a weight matrix and adds a bias: a1 = x · W1 + b1. The two hidden layers (50 and 100 neurons) pass the result through the sigmoid function σ(a) = 1 / (1 + exp(−a)), an activation function that squashes any number into (0, 1).",
    "The output layer has one neuron per digit. The softmax function turns its ten scores into numbers that add up to 1; the largest is the answer.",
  ],
  notCertainty:
    "Softmax outputs are not certainty. They must add up to 1, so even a line or a letter gets an answer that looks sure (a horizontal line reads as 4 at 98%). The page says “not sure” instead when the two networks disagree, when a network's top two answers are not far enough apart, or when the drawing is a dot or far wider than any digit.",
  moreHeading: "More: preprocessing, batches, the weights, the DeepConvNet",
  more: [
    "Your drawing is first cropped to the ink, scaled so its longer side is 20 pixels and centred by its centre of mass: the way the MNIST digits were prepared. The preprocessing lab shows what each step is for.",
    "Batch processing: rather than one image at a time, the book feeds 100 images at once. X is then 100 × 784 and X · W1 is 100 × 50, so one matrix product does the work of a hundred and the 10,000 test images take 100 steps.",
    "The weights were learned beforehand (the book's sample_weight.pkl). Chapter 3 only runs the network forward: inference, no training.",
    "The DeepConvNet of chapter 8 looks at the picture as 1 × 28 × 28 rather than 784 loose numbers: six 3 × 3 convolutions with ReLU and three max-pooling layers find strokes and shapes, then two affine layers and softmax give the answer. It misreads 203 of the 10,000 test images where the MLP misreads 648.",
  ],
  forwardHeading: "Inside the MLP: the forward pass",
  forwardNote: "chapter 3.4",
  forwardIntro:
    "The same network computing its answer for what you drew, one cell per neuron. Each a row is a weighted sum (blue positive, red negative, scaled to the row's largest |a|); each z row is the activation function's output, from 0 (grey, close to the background) to 1 (vivid blue). Choose any cell to read its value.",
  forwardEmpty:
    "Draw a digit or pick a test image to see its values flow through the layers.",
  flatLabel: "The input flattened into one row of 784 pixels",
  inputLabel: "The 28 × 28 input",
  sigmoidNote: "activation function: each value into (0,\u00a01)",
  softmaxNote: "ten probabilities that add up to 1",
  stripLabel: (name: string, n: number, signed: boolean) =>
    `${name}: ${n} ${
      signed ? "weighted sums" : "values between 0 and 1"
    }; arrow keys move between them`,
  cellValue: (name: string, index: number, value: string) =>
    `${name}[${index}] = ${value}`,
  readoutHint: "Choose a cell (tap, click or arrow keys) to read its value.",
  valuesTable: "Every value as a table",
  neuronColumn: "neuron",
  legendUnit: "z, y: 0 → 1",
  legendSigned: "a: negative · 0 · positive",
  batchLabel: "A batch of N images:",
  batchShapesNote:
    "the same products with N rows; the book reads the test set with N = 100.",
  neuronHeading: (index: number) => `Hidden neuron ${index} of layer 1`,
  neuronIntro:
    "Its 784 weights, the column W1[:, j], laid out as the 28 × 28 picture they multiply: blue pixels raise its sum, red ones lower it. That is what this neuron looks for.",
  neuronWeights: "What it looks for: W1[:, j]",
  neuronContribution: "Your input's share: x · W1[:, j], pixel by pixel",
  neuronSum: (sum: string, bias: string, total: string) =>
    `Σ x·W1[:, j] = ${sum}; plus b1[j] = ${bias} gives a1[j] = ${total}`,
  neuronLoading: "Loading the neuron's weights…",
  neuronClose: "Close",
  neuronPick: "Choose a cell of a1 or z1 to see what that neuron looks for.",
  labHeading: "Preprocessing lab",
  labIntro:
    "MNIST's digits were cropped to their ink, scaled into a 20 × 20 box and centred by their centre of mass in 28 × 28; the network has only ever seen digits made that way. Switch the steps off, or move, turn and thicken your drawing, and watch the answer.",
  labCrop: "Crop to the ink and scale to 20 × 20",
  labCentre: "Centre by the centre of mass",
  labShiftX: "Shift right (pixels)",
  labShiftY: "Shift down (pixels)",
  labRotation: "Rotate (degrees)",
  labWidth: "Pen width (% of the canvas)",
  labReset: "Reset",
  labResult: (model: string) => `The ${model} reads this input`,
};
