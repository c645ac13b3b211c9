/**
 * Every string the page shows, in English and Korean. Components take a
 * `Texts` and never hold words of their own. The Korean follows the Korean
 * edition's terms (신경망, 활성화 함수, 소프트맥스 함수, 배치 처리, 정확도,
 * 순전파, 시험 데이터) and puts particles after numbers as they are read.
 *
 * @module
 */

import type { ModelName } from "../api.ts";
import { josa } from "./korean.ts";
import type { Lang } from "./lang.ts";

/** A percentage with one decimal, e.g. `0.91198` → `"91.2%"`. */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A count with thousands separators, e.g. `10000` → `"10,000"`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

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

const en = {
  lang: "en" as Lang,
  title: "Handwritten digit recogniser",
  subtitle:
    "The pretrained networks of Deep Learning from Scratch read the digit you draw: chapter 3's 784 → 50 → 100 → 10 network and chapter 8's DeepConvNet.",
  switchLabel: "한국어",
  switchAria: "한국어 (Switch to Korean)",
  modelLabel: "Model",
  models: {
    mlp: { name: "MLP", note: "chapter 3 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "chapter 8 · 6 convolutions" },
  } as Record<ModelName, ModelText>,
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
  unsureGuess: (digit: number) => `perhaps a ${digit}?`,
  reasonLittleInk: "Too little ink to be a digit: draw it larger.",
  reasonTooWide: "Far wider than tall: no digit in MNIST is.",
  reasonDisagree: (a: string, b: string) =>
    `The two networks read it differently: ${a}, ${b}.`,
  reasonCloseCall: (first: Guess, second: Guess) =>
    `Two answers are close: ${first.digit} (${
      percent(first.probability)
    }) and ${second.digit} (${percent(second.probability)}).`,
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
  error: (message: string) => `The server could not answer: ${message}`,
  feedbackQuestion: "Was it right?",
  feedbackHint:
    "If not, tap the digit you meant (or the same digit if it was): your drawing joins the readers' drawings below.",
  feedbackDigit: (digit: number, guessed: boolean) =>
    guessed ? `I meant ${digit} (as read)` : `I meant ${digit}`,
  storedNote: (days: number) =>
    `Tapping stores the 28 × 28 picture and the digit you tap — no IP address, no user agent — for ${
      count(days)
    } days.`,
  savedAs: (digit: number) => `Stored as a ${digit}. Thank you!`,
  deleteMine: "Delete it",
  deletedMine: "Deleted.",
  saveError: (message: string) => `Not stored: ${message}`,
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
    `Readers' drawings could not be loaded: ${message}`,
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
    `The report could not be loaded: ${message}`,
  correctOf: (correct: number, total: number) =>
    `${count(correct)} of ${count(total)} test images read correctly`,
  batchNote: (batchSize: number, seconds: number) =>
    `evaluated in batches of ${batchSize} in ${seconds.toFixed(2)} s`,
  confusionHeading: "Confusion matrix",
  confusionCaption:
    "Rows: the true label. Columns: the network's answer. The diagonal is right; darker cells hold more images. Choose a cell to see its images.",
  labelAxis: "label",
  predictionAxis: "answer",
  cellLabel: (label: number, prediction: number, n: number) =>
    `${count(n)}: label ${label}, answer ${prediction}`,
  perDigitHeading: "Accuracy per digit (recall)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: ${percent(recall)} of ${count(images)} images`,
  forwardHeading: "Inside the MLP: the forward pass",
  forwardNote: "chapter 3.4",
  forwardIntro:
    "The same network computing its answer for what you drew, one cell per neuron. Each a row is a weighted sum (blue positive, red negative, scaled to the row's largest |a|); each z row is the activation function's output, from white (0) to dark blue (1). Choose any cell to read its value.",
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
  explainerHeading: "How the network reads a digit",
  layers: [
    { size: 784, name: "input", note: "28×28 pixels" },
    { size: 50, name: "hidden 1", note: "sigmoid" },
    { size: 100, name: "hidden 2", note: "sigmoid" },
    { size: 10, name: "output", note: "softmax" },
  ] as Layer[],
  explainer: [
    "The picture becomes 784 numbers between 0 and 1: 28 × 28 pixels, white ink on black, as in MNIST.",
    "Each layer multiplies its input by a weight matrix and adds a bias: a1 = x · W1 + b1. The two hidden layers (50 and 100 neurons) pass the result through the sigmoid function σ(a) = 1 / (1 + exp(−a)), an activation function that squashes any number into (0, 1).",
    "The output layer has one neuron per digit. The softmax function turns its ten scores into numbers that add up to 1; the largest is the answer.",
  ],
  notCertainty:
    "Softmax outputs are not certainty. They must add up to 1, so even a line or a letter gets an answer that looks sure (a horizontal line reads as 4 at 98%). The page says “not sure” instead when the two networks disagree, when their top two answers are close, or when the drawing is a dot or far wider than any digit.",
  moreHeading: "More: preprocessing, batches, the weights, the DeepConvNet",
  more: [
    "Your drawing is first cropped to the ink, scaled so its longer side is 20 pixels and centred by its centre of mass: the way the MNIST digits were prepared. The preprocessing lab shows what each step is for.",
    "Batch processing: rather than one image at a time, the book feeds 100 images at once. X is then 100 × 784 and X · W1 is 100 × 50, so one matrix product does the work of a hundred and the 10,000 test images take 100 steps.",
    "The weights were learned beforehand (the book's sample_weight.pkl). Chapter 3 only runs the network forward: inference, no training.",
    "The DeepConvNet of chapter 8 looks at the picture as 1 × 28 × 28 rather than 784 loose numbers: six 3 × 3 convolutions with ReLU and three max-pooling layers find strokes and shapes, then two affine layers and softmax give the answer. It misreads 203 of the 10,000 test images where the MLP misreads 648.",
  ],
  footer:
    "Weights from the book's sample_weight.pkl and deep_convnet_params.pkl, run with onnxruntime-web. MNIST by Yann LeCun, Corinna Cortes and Christopher Burges. Korean text in Noto Sans KR (SIL Open Font License).",
};

/** The page's strings in one language. */
export type Texts = typeof en;

const ko: Texts = {
  lang: "ko",
  title: "손글씨 숫자 인식기",
  subtitle:
    "『밑바닥부터 시작하는 딥러닝』의 학습된 신경망이 직접 그린 숫자를 읽습니다. 3장의 784 → 50 → 100 → 10 신경망과 8장의 DeepConvNet입니다.",
  switchLabel: "English",
  switchAria: "Switch to English (영어로 보기)",
  modelLabel: "모델",
  models: {
    mlp: { name: "MLP", note: "3장 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "8장 · 합성곱 계층 6개" },
  },
  drawHeading: "숫자를 그려 보세요",
  canvasLabel: "그리기 영역: 0부터 9까지 숫자 하나를 그리세요",
  gettingReady: "준비하는 중…",
  undo: "되돌리기",
  clear: "지우기",
  keysHint: "Esc·Delete: 지우기 · Ctrl/⌘ + Z: 마지막 획 되돌리기",
  prompt:
    "0부터 9까지 숫자 하나를 그려 보세요. 그리는 동안 신경망이 읽어 냅니다.",
  tryExample: "또는 책에 나온 시험 이미지 11번을 넣어 보세요",
  predictionLabel: (model: string) => `${model}의 판단`,
  score: (p: number) => `소프트맥스 출력 ${percent(p)}`,
  unsure: "확실하지 않음",
  unsureGuess: (digit: number) => `${digit}일까요?`,
  reasonLittleInk: "숫자라고 하기에는 너무 작습니다. 더 크게 그려 보세요.",
  reasonTooWide: "폭이 높이보다 훨씬 넓습니다. MNIST에는 이런 숫자가 없습니다.",
  reasonDisagree: (a: string, b: string) =>
    `두 신경망의 판단이 다릅니다: ${a}, ${b}.`,
  reasonCloseCall: (first: Guess, second: Guess) =>
    `두 답의 차이가 작습니다: ${first.digit}(${
      percent(first.probability)
    })와 ${second.digit}(${percent(second.probability)}).`,
  announce: (model: string, digit: number, p: number) =>
    `${josa(model, "은/는")} ${
      josa(String(digit), "으로/로")
    } 읽었습니다. 소프트맥스 출력 ${percent(p)}.`,
  announceUnsure: (model: string, digit: number) =>
    `확실하지 않습니다. ${josa(model, "은/는")} ${
      josa(String(digit), "으로/로")
    } 보았습니다.`,
  fromDrawing: "직접 그린 숫자",
  fromTestImage: (index: number, label: number) =>
    `시험 이미지 ${index}번 (정답 ${label})`,
  trace: "이 숫자 따라 그리기",
  traceOff: "따라 그리기 그림 숨기기",
  inputHeading: "신경망이 보는 입력",
  inputNote: "28 × 28, MNIST처럼 가운데 정렬",
  probabilitiesHeading: "소프트맥스 함수의 출력",
  probabilitiesNote:
    "합이 항상 1이 되도록 나눈 수 10개일 뿐, 얼마나 확실한지 나타내는 값은 아닙니다.",
  compareLabel: "두 모델의 판단:",
  disagree: "서로 다르게 읽음",
  error: (message: string) => `서버가 응답하지 못했습니다: ${message}`,
  feedbackQuestion: "맞게 읽었나요?",
  feedbackHint:
    "틀렸다면 원래 쓰려던 숫자를 눌러 주세요(맞았다면 같은 숫자를). 그림이 아래 '독자들의 손글씨'에 더해집니다.",
  feedbackDigit: (digit: number, guessed: boolean) =>
    // the digit comes first, apart: a screen reader's name holds the visible text
    guessed
      ? `${digit}: 쓰려던 숫자 (신경망의 판단과 같음)`
      : `${digit}: 쓰려던 숫자`,
  storedNote: (days: number) =>
    `누르면 28 × 28 그림과 누른 숫자만 ${
      count(days)
    }일 동안 저장합니다. IP 주소나 사용자 에이전트는 저장하지 않습니다.`,
  savedAs: (digit: number) =>
    `${josa(String(digit), "으로/로")} 저장했습니다. 고맙습니다!`,
  deleteMine: "삭제하기",
  deletedMine: "삭제했습니다.",
  saveError: (message: string) => `저장하지 못했습니다: ${message}`,
  readersHeading: "독자들의 손글씨",
  readersIntro:
    "이 페이지에서 그리고 그린 사람이 직접 정답을 붙인 숫자들입니다. 실제 손글씨는 MNIST와 다릅니다. 각 신경망이 이 그림들을 얼마나 잘 읽는지 MNIST 시험 데이터의 정확도와 나란히 보여 줍니다.",
  readersColumn: (n: number) => `독자 손글씨 (${count(n)}개)`,
  mnistColumn: "MNIST 시험 데이터",
  readersScore: (correct: number, total: number) =>
    `${count(total)}개 중 ${count(correct)}개`,
  filterLabel: "보기:",
  filterAll: "전체",
  readersLegend: "각 타일: 독자가 붙인 정답 → MLP · DeepConvNet의 판단",
  readersEmpty:
    "아직 저장된 그림이 없습니다. 위에서 숫자를 그리고 원래 쓰려던 숫자를 눌러 보세요.",
  readersEmptyLabel: (label: number) =>
    `아직 ${josa(String(label), "을/를")} 그린 그림이 없습니다.`,
  readersItem: (label: number, mlp?: number, cnn?: number) =>
    `정답 ${label}: MLP의 판단 ${mlp ?? "?"}, DeepConvNet의 판단 ${cnn ?? "?"}`,
  readersError: (message: string) =>
    `독자들의 손글씨를 불러오지 못했습니다: ${message}`,
  galleryHeading: "MNIST 시험 데이터",
  galleryIntro:
    "시험 이미지를 고르면 신경망에 입력합니다. 각 타일은 정답 → 신경망의 판단입니다.",
  example11: "책의 예: 시험 이미지 11번",
  correctHeading: "맞게 읽은 이미지",
  misreadHeading: (n: number, model: string) =>
    `${josa(model, "이/가")} 잘못 읽은 이미지 (10,000개 중 ${count(n)}개)`,
  showMore: "더 보기",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `시험 이미지 ${index}번`
      : `시험 이미지 ${index}번: 정답 ${label}, 판단 ${prediction}`,
  filterHeading: (label: number, prediction: number, n: number) =>
    label === prediction
      ? `${josa(String(label), "을/를")} 맞게 읽은 시험 이미지 ${count(n)}개`
      : `${josa(String(label), "을/를")} ${
        josa(String(prediction), "으로/로")
      } 읽은 시험 이미지 ${count(n)}개`,
  filterNote: (shown: number, n: number) =>
    shown < n ? `${count(n)}개 중 처음 ${shown}개` : "",
  clearFilter: "갤러리 전체 보기",
  reportHeading: "얼마나 잘 읽을까",
  accuracyLabel: (model: string) => `시험 데이터 정확도 (${model})`,
  reportError: (message: string) => `보고서를 불러오지 못했습니다: ${message}`,
  correctOf: (correct: number, total: number) =>
    `시험 이미지 ${count(total)}개 중 ${count(correct)}개 정답`,
  batchNote: (batchSize: number, seconds: number) =>
    `배치 크기 ${josa(String(batchSize), "으로/로")} ${
      seconds.toFixed(2)
    }초 만에 평가`,
  confusionHeading: "혼동 행렬",
  confusionCaption:
    "행은 정답, 열은 신경망의 판단입니다. 대각선이 맞힌 경우이며, 진한 칸일수록 이미지가 많습니다. 칸을 고르면 그 이미지들을 보여 줍니다.",
  labelAxis: "정답",
  predictionAxis: "판단",
  cellLabel: (label: number, prediction: number, n: number) =>
    `${count(n)}개: 정답 ${label}, 판단 ${prediction}`,
  perDigitHeading: "숫자별 정확도 (재현율)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: 이미지 ${count(images)}개 중 ${percent(recall)}`,
  forwardHeading: "MLP 들여다보기: 순전파",
  forwardNote: "3.4절",
  forwardIntro:
    "같은 신경망이 지금 그린 숫자의 답을 계산하는 모습입니다. 칸 하나가 뉴런 하나입니다. a 줄은 가중치 합으로, 파란색은 양수, 빨간색은 음수이며 그 줄에서 가장 큰 |a|를 기준으로 칠합니다. z 줄은 활성화 함수의 출력으로, 흰색이 0, 진한 파란색이 1입니다. 칸을 고르면 값을 읽을 수 있습니다.",
  forwardEmpty:
    "숫자를 그리거나 시험 이미지를 고르면 값이 층을 따라 흐르는 모습이 보입니다.",
  flatLabel: "한 줄로 편 입력: 픽셀 784개",
  inputLabel: "28 × 28 입력",
  sigmoidNote: "활성화 함수: 각 값을 0과 1 사이로",
  softmaxNote: "합이 1인 확률 10개",
  stripLabel: (name: string, n: number, signed: boolean) =>
    `${name}: ${
      signed ? "가중치 합" : "0과 1 사이의 값"
    } ${n}개, 화살표 키로 이동`,
  cellValue: (name: string, index: number, value: string) =>
    `${name}[${index}] = ${value}`,
  readoutHint: "칸을 고르면(누르기, 클릭, 화살표 키) 값이 보입니다.",
  valuesTable: "모든 값을 표로 보기",
  neuronColumn: "뉴런",
  legendUnit: "z, y: 0 → 1",
  legendSigned: "a: 음수 · 0 · 양수",
  batchLabel: "N장 배치:",
  batchShapesNote:
    "행이 N개일 뿐 같은 곱셈입니다. 책에서는 N = 100으로 시험 데이터를 읽습니다.",
  neuronHeading: (index: number) => `은닉층 1의 ${index}번 뉴런`,
  neuronIntro:
    "이 뉴런의 가중치 784개, 곧 W1[:, j] 열을 곱해지는 28 × 28 그림 모양대로 펼친 것입니다. 파란 픽셀은 합을 키우고 빨간 픽셀은 줄입니다. 이 뉴런이 찾는 모양입니다.",
  neuronWeights: "찾는 모양: W1[:, j]",
  neuronContribution: "입력의 몫: 픽셀마다 x · W1[:, j]",
  neuronSum: (sum: string, bias: string, total: string) =>
    `Σ x·W1[:, j] = ${sum}, 편향 b1[j] = ${
      josa(bias, "을/를")
    } 더하면 a1[j] = ${total}`,
  neuronLoading: "뉴런의 가중치를 불러오는 중…",
  neuronClose: "닫기",
  neuronPick: "a1이나 z1의 칸을 고르면 그 뉴런이 찾는 모양이 보입니다.",
  labHeading: "전처리 실험실",
  labIntro:
    "MNIST의 숫자는 글씨 부분만 잘라 20 × 20 상자에 맞게 줄이고, 28 × 28 안에서 무게 중심이 가운데에 오도록 놓은 것입니다. 신경망은 이렇게 만든 숫자만 보았습니다. 단계를 끄거나 그림을 옮기고, 돌리고, 굵게 하면서 답이 어떻게 바뀌는지 보세요.",
  labCrop: "글씨 부분만 잘라 20 × 20으로 맞추기",
  labCentre: "무게 중심을 가운데로",
  labShiftX: "오른쪽으로 옮기기 (픽셀)",
  labShiftY: "아래로 옮기기 (픽셀)",
  labRotation: "돌리기 (도)",
  labWidth: "펜 굵기 (캔버스의 %)",
  labReset: "처음대로",
  labResult: (model: string) => `이 입력에 대한 ${model}의 판단`,
  explainerHeading: "신경망이 숫자를 읽는 방법",
  layers: [
    { size: 784, name: "입력층", note: "28×28 픽셀" },
    { size: 50, name: "은닉층 1", note: "시그모이드" },
    { size: 100, name: "은닉층 2", note: "시그모이드" },
    { size: 10, name: "출력층", note: "소프트맥스" },
  ],
  explainer: [
    "그림은 0과 1 사이의 수 784개가 됩니다. MNIST처럼 검은 바탕에 흰 글씨인 28 × 28 픽셀입니다.",
    "각 층은 입력에 가중치 행렬을 곱하고 편향을 더합니다: a1 = x · W1 + b1. 두 은닉층(뉴런 50개와 100개)은 이 값을 활성화 함수인 시그모이드 함수 σ(a) = 1 / (1 + exp(−a))에 통과시켜 0과 1 사이의 값으로 바꿉니다.",
    "출력층에는 숫자마다 뉴런이 하나씩 있습니다. 소프트맥스 함수가 점수 10개를 합이 1인 수로 바꾸고, 가장 큰 값의 숫자가 답입니다.",
  ],
  notCertainty:
    "소프트맥스 함수의 출력은 확신의 정도가 아닙니다. 합이 1이어야 하므로 선 하나나 글자에도 확실해 보이는 답이 나옵니다(가로선 하나를 98%로 4라고 읽습니다). 그래서 이 페이지는 두 신경망의 판단이 다를 때, 가장 높은 두 답이 비슷할 때, 그림이 점 하나이거나 어떤 숫자보다도 옆으로 넓을 때 ‘확실하지 않음’이라고 알립니다.",
  moreHeading: "더 보기: 전처리, 배치 처리, 가중치, DeepConvNet",
  more: [
    "직접 그린 숫자는 먼저 글씨 부분만 잘라 긴 변이 20픽셀이 되도록 줄이고, 무게 중심이 가운데에 오도록 옮깁니다. MNIST 데이터를 만든 방식 그대로입니다. 각 단계가 왜 필요한지는 전처리 실험실에서 볼 수 있습니다.",
    "배치 처리: 이미지를 한 장씩 넣는 대신 책에서는 100장을 한꺼번에 넣습니다. X는 100 × 784, X · W1은 100 × 50이 되어 행렬 곱 한 번으로 100장을 처리하고, 시험 이미지 10,000장을 100번 만에 끝냅니다.",
    "가중치는 미리 학습된 값(책의 sample_weight.pkl)입니다. 3장에서는 학습 없이 신경망의 순전파, 곧 추론만 합니다.",
    "8장의 DeepConvNet은 그림을 흩어진 수 784개가 아니라 1 × 28 × 28 형상 그대로 봅니다. 3 × 3 합성곱 계층 여섯 개(ReLU)와 최대 풀링 계층 세 개가 획과 모양을 찾고, 완전연결 계층 두 개와 소프트맥스 함수가 답을 냅니다. 시험 이미지 10,000장 중 MLP는 648장을, DeepConvNet은 203장을 잘못 읽습니다.",
  ],
  footer:
    "가중치는 책의 sample_weight.pkl과 deep_convnet_params.pkl이며, onnxruntime-web으로 실행합니다. MNIST: Yann LeCun, Corinna Cortes, Christopher Burges. 한글 글꼴: Noto Sans KR(SIL Open Font License).",
};

/** The strings of each language. */
export const TEXTS: Record<Lang, Texts> = { en, ko };
