/**
 * The page's dictionary: every string it shows, by area. Each language
 * fills every area (texts/en/, texts/ko/, texts/ja/), so a string missing or
 * misspelt in one language fails `deno check`.
 *
 * @module
 */

import type { ModelName } from "../api.ts";
import type { FallbackReason, LightReason } from "../device.ts";

/** A served model as the page names it. */
export interface ModelText {
  name: string;
  note: string;
}

/** One layer of the network, as the explainer draws it. */
export interface Layer {
  size: number;
  name: string;
  note: string;
}

/** A network's answer as the reasons for doubt quote it. */
export interface Guess {
  digit: number;
  probability: number;
}

/** The links under the page: the book's code and the API. */
export interface LinkTexts {
  heading: string;
  /** The Japanese original's repository (O'Reilly Japan). */
  bookOriginal: string;
  /** The Korean edition's repository (Hanbit Media). */
  bookKorean: string;
  /** The API's OpenAPI document. */
  openApi: string;
  /** What the `curl` line beside it does. */
  curl: string;
}

/** The page's frame: title, language chooser, models, footer. */
export interface PageTexts {
  title: string;
  /** The page's description: what it does, in one sentence. */
  subtitle: string;
  /** The language's own name, as the chooser offers it (한국어, 日本語). */
  languageName: string;
  /** The language chooser's name, for screen readers. */
  languageLabel: string;
  modelLabel: string;
  models: Record<ModelName, ModelText>;
  /**
   * A request to the server failed: `message` is the server's, or OFFLINE
   * (../offline.ts) when no server answered; see failure.ts.
   */
  error(message: string): string;
  links: LinkTexts;
  /** Where the weights, the data and the fonts come from. */
  footer: string;
}

/** The first screen: the pad, the answer, doubt, both models. */
export interface PlayTexts {
  drawHeading: string;
  canvasLabel: string;
  gettingReady: string;
  undo: string;
  clear: string;
  keysHint: string;
  prompt: string;
  tryExample: string;
  predictionLabel(model: string): string;
  /** A softmax output as the verdict shows it. */
  score(probability: number): string;
  unsure: string;
  unsureGuess(digit: number): string;
  reasonLittleInk: string;
  reasonTooWide: string;
  /** `a`, `b`: each model's name and digit. */
  reasonDisagree(a: string, b: string): string;
  /**
   * A model's two best answers are nearer than it needs for a clear reading:
   * `model` its name, `needed` the least gap it needs (0–1,
   * lib/reading/doubt.ts's MIN_MARGINS).
   */
  reasonCloseCall(
    model: string,
    first: Guess,
    second: Guess,
    needed: number,
  ): string;
  /** What a screen reader hears once a stroke is read. */
  announce(model: string, digit: number, probability: number): string;
  announceUnsure(model: string, digit: number): string;
  fromDrawing: string;
  fromTestImage(index: number, label: number): string;
  trace: string;
  traceOff: string;
  inputHeading: string;
  inputNote: string;
  probabilitiesHeading: string;
  probabilitiesNote: string;
  compareLabel: string;
  disagree: string;
}

/** "Was it right?" and the readers' drawings. */
export interface ReadersTexts {
  feedbackQuestion: string;
  feedbackHint: string;
  /** A digit's button: `guessed` when the network read it. */
  feedbackDigit(digit: number, guessed: boolean): string;
  storedNote(days: number): string;
  savedAs(digit: number): string;
  deleteMine: string;
  deletedMine: string;
  saveError(message: string): string;
  readersHeading: string;
  readersIntro: string;
  readersColumn(drawings: number): string;
  mnistColumn: string;
  readersScore(correct: number, total: number): string;
  filterLabel: string;
  filterAll: string;
  readersLegend: string;
  readersEmpty: string;
  readersEmptyLabel(label: number): string;
  readersItem(label: number, mlp?: number, cnn?: number): string;
  readersError(message: string): string;
}

/** The test set: the gallery and the chosen model's report. */
export interface TestSetTexts {
  galleryHeading: string;
  galleryIntro: string;
  example11: string;
  correctHeading: string;
  misreadHeading(misread: number, model: string): string;
  showMore: string;
  galleryItem(index: number, label?: number, prediction?: number): string;
  filterHeading(label: number, prediction: number, images: number): string;
  filterNote(shown: number, images: number): string;
  clearFilter: string;
  reportHeading: string;
  accuracyLabel(model: string): string;
  reportError(message: string): string;
  correctOf(correct: number, total: number): string;
  batchNote(batchSize: number, seconds: number): string;
  confusionHeading: string;
  confusionCaption: string;
  labelAxis: string;
  predictionAxis: string;
  perDigitHeading: string;
  perDigitItem(digit: number, recall: number, images: number): string;
}

/** Inside the network: the explainer, the forward pass, a neuron, the lab. */
export interface InsideTexts {
  explainerHeading: string;
  layers: Layer[];
  /** The explainer's paragraphs. */
  explainer: string[];
  notCertainty: string;
  moreHeading: string;
  /** The paragraphs behind the disclosure. */
  more: string[];
  forwardHeading: string;
  forwardNote: string;
  forwardIntro: string;
  forwardEmpty: string;
  flatLabel: string;
  inputLabel: string;
  sigmoidNote: string;
  softmaxNote: string;
  stripLabel(name: string, cells: number, signed: boolean): string;
  cellValue(name: string, index: number, value: string): string;
  readoutHint: string;
  valuesTable: string;
  neuronColumn: string;
  legendUnit: string;
  legendSigned: string;
  batchLabel: string;
  batchShapesNote: string;
  neuronHeading(index: number): string;
  neuronIntro: string;
  neuronWeights: string;
  neuronContribution: string;
  /** Σ x·W1[:, j], b1[j] and a1[j], as printed. */
  neuronSum(sum: string, bias: string, total: string): string;
  neuronLoading: string;
  neuronClose: string;
  neuronPick: string;
  labHeading: string;
  labIntro: string;
  labCrop: string;
  labCentre: string;
  labShiftX: string;
  labShiftY: string;
  labRotation: string;
  labWidth: string;
  labReset: string;
  labResult(model: string): string;
}

/** The line under the answer: where the network runs. */
export interface EngineTexts {
  device: string;
  backend: string;
  server: string;
  loading: string;
  /** Why the page stays on the server. */
  fallback: Record<FallbackReason, string>;
  /** Why the page waits to be asked before it downloads the network. */
  light: Record<LightReason, string>;
  /** The button that downloads the network, with its size: "run on this device: 2.5 MB". */
  offer(size: string): string;
  /** The download under way: "1.2 of 2.5 MB". */
  progress(loaded: string, total: string): string;
}

/** Every string of the page in one language. */
/** "One neuron, step by step": the book's predict() worked through. */
export interface StepsTexts {
  heading: string;
  /** The chapter's sections the steps follow. */
  note: string;
  intro: string;
  /** The input's fieldset: a test image by number, or the pad. */
  input: string;
  testImage: string;
  /** The test image's number field, for screen readers. */
  testImageNumber: string;
  pad: string;
  /** The pad was chosen and is empty. */
  padEmpty: string;
  /** The neuron's number field (0–49). */
  neuron: string;
  loading: string;
  /** `ink`: how many of the 784 pixels are not 0. */
  x(ink: number): string;
  /** Neuron `j`'s sum and its `terms` (pixels not 0). */
  sum(j: number, terms: number): string;
  /** The list of all `n` terms, folded. */
  allTerms(n: number): string;
  /** The terms' column of pixel numbers. */
  pixel: string;
  /** The list of all 50 values of a1, folded. */
  layer1: string;
  sigmoid: string;
  /** The sigmoid curve's name, with the neuron's sum `a` and output `z`. */
  curve(a: string, z: string): string;
  layer2: string;
  layer3: string;
  /** After `c = …`: the highest score is `digit`'s; why c is subtracted. */
  max(digit: number): string;
  exp: string;
  divide: string;
  /** The softmax table's column of digits. */
  digit: string;
  /** The column of the book's probabilities for test image 11. */
  book: string;
  /** np.argmax(y) is `digit`, with probability `p`. */
  answer(digit: number, p: string): string;
}

/** "Run the test set": the book's accuracy loop, on the device or through the API. */
export interface TestRunTexts {
  heading: string;
  /** The chapter's section the loop is from. */
  note: string;
  intro: string;
  /** The batch-size choice's label. */
  batchSize: string;
  /** The button (the test set's download size beside it). */
  run: string;
  cancel: string;
  /** Where the run goes: on this device, or through the server. */
  where: Record<"device" | "server", string>;
  /** Through the server, batches under `smallest` are not offered: why. */
  serverBatches(smallest: number): string;
  /** The progress bar's name. */
  progress: string;
  /** While the file comes. */
  loading: string;
  /** The counter: correct answers so far of `total`, and their share (as Python prints it). */
  counter(correct: number, total: number, accuracy: string): string;
  /** A run stopped after `done` images. */
  cancelled(done: number): string;
  /** The chart of images per second. */
  timingHeading: string;
  /** A batch size not run yet. */
  untried(batchSize: number): string;
  /** One bar: `batchSize`, images per second, where it ran. */
  timing(batchSize: number, perSecond: number, where: string): string;
  /** The code's caption: the book's file. */
  code: string;
}

export interface Texts
  extends PageTexts, PlayTexts, ReadersTexts, TestSetTexts, InsideTexts {
  engine: EngineTexts;
  steps: StepsTexts;
  testRun: TestRunTexts;
}
