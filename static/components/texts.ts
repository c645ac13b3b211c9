// Every string the page shows, in English and Korean. Components take a
// `Texts` and never hold words of their own.

import type { Lang } from "./lang.ts";

/** A percentage with one decimal, e.g. `0.91198` → `"91.2%"`. */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A count with thousands separators, e.g. `10000` → `"10,000"`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** One layer of the network, as the explainer draws it. */
export interface Layer {
  size: number;
  name: string;
  note: string;
}

const en = {
  lang: "en" as Lang,
  title: "Handwritten digit recogniser",
  subtitle:
    "Deep Learning from Scratch, chapter 3: a pretrained 784 → 50 → 100 → 10 network reads the digit you draw.",
  switchLabel: "한국어",
  switchAria: "한국어로 보기 (Switch to Korean)",
  drawHeading: "Draw a digit",
  canvasLabel: "Drawing area: draw one digit from 0 to 9",
  undo: "Undo",
  clear: "Clear",
  keysHint: "Esc or Delete clears · Ctrl/⌘ + Z undoes the last stroke",
  prompt: "Draw a digit from 0 to 9 — the network reads it as you draw.",
  predictionLabel: "The network reads",
  confidence: (p: number) => `probability ${percent(p)}`,
  fromDrawing: "your drawing",
  fromTestImage: (index: number, label: number) =>
    `test image #${index} (label ${label})`,
  inputHeading: "What the network sees",
  inputNote: "28 × 28, centred as in MNIST",
  probabilitiesHeading: "Probabilities (softmax output)",
  error: (message: string) => `The server could not answer: ${message}`,
  galleryHeading: "The MNIST test set",
  galleryIntro:
    "Pick a test image to feed it to the network. Each tile shows the true label → the network's answer.",
  example11: "Book example: test image #11",
  correctHeading: "Read correctly",
  misreadHeading: (n: number) => `Misread (${count(n)} of 10,000)`,
  showMore: "Show more",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `Test image #${index}`
      : `Test image #${index}: label ${label}, read as ${prediction}`,
  reportHeading: "How well it reads",
  accuracyLabel: "Test accuracy",
  correctOf: (correct: number, total: number) =>
    `${count(correct)} of ${count(total)} test images read correctly`,
  batchNote: (batchSize: number, seconds: number) =>
    `evaluated in batches of ${batchSize} in ${seconds.toFixed(2)} s`,
  confusionHeading: "Confusion matrix",
  confusionCaption:
    "Rows: the true label. Columns: the network's answer. The diagonal is right; darker cells hold more images.",
  labelAxis: "label",
  predictionAxis: "answer",
  perDigitHeading: "Accuracy per digit (recall)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: ${percent(recall)} of ${count(images)} images`,
  explainerHeading: "How the network works",
  layers: [
    { size: 784, name: "input", note: "28×28 pixels" },
    { size: 50, name: "hidden 1", note: "sigmoid" },
    { size: 100, name: "hidden 2", note: "sigmoid" },
    { size: 10, name: "output", note: "softmax" },
  ] as Layer[],
  explainer: [
    "The picture becomes 784 numbers between 0 and 1: 28 × 28 pixels, white ink on black, as in MNIST. Your drawing is first cropped to the ink, scaled so its longer side is 20 pixels and centred by its centre of mass — the way the MNIST digits were prepared.",
    "Each layer multiplies its input by a weight matrix and adds a bias: a1 = x · W1 + b1. The two hidden layers (50 and 100 neurons) pass the result through the sigmoid function σ(a) = 1 / (1 + exp(−a)), which squashes any number into (0, 1).",
    "The output layer has one neuron per digit. Softmax turns its ten scores into probabilities that add up to 1; the largest is the answer.",
    "Batch processing: rather than one image at a time, the book feeds 100 images at once. X is then 100 × 784 and X · W1 is 100 × 50, so one matrix product does the work of a hundred and the 10,000 test images take 100 steps.",
    "The weights were learned beforehand (the book's sample_weight.pkl). Chapter 3 only runs the network forward — inference, no training.",
  ],
  footer:
    "Weights from the book's sample_weight.pkl, run with onnxruntime-web on the server. MNIST by Yann LeCun, Corinna Cortes and Christopher Burges.",
};

/** The page's strings in one language. */
export type Texts = typeof en;

const ko: Texts = {
  lang: "ko",
  title: "손글씨 숫자 인식기",
  subtitle:
    "『밑바닥부터 시작하는 딥러닝』 3장: 미리 학습된 784 → 50 → 100 → 10 신경망이 직접 그린 숫자를 읽습니다.",
  switchLabel: "English",
  switchAria: "Switch to English (영어로 보기)",
  drawHeading: "숫자를 그려 보세요",
  canvasLabel: "그리기 영역: 0부터 9까지 숫자 하나를 그리세요",
  undo: "되돌리기",
  clear: "지우기",
  keysHint: "Esc·Delete: 지우기 · Ctrl/⌘ + Z: 마지막 획 되돌리기",
  prompt:
    "0부터 9까지 숫자 하나를 그려 보세요. 그리는 동안 신경망이 읽어 냅니다.",
  predictionLabel: "신경망의 판단",
  confidence: (p: number) => `확률 ${percent(p)}`,
  fromDrawing: "직접 그린 숫자",
  fromTestImage: (index: number, label: number) =>
    `테스트 이미지 #${index} (정답 ${label})`,
  inputHeading: "신경망이 보는 입력",
  inputNote: "28 × 28, MNIST처럼 가운데 정렬",
  probabilitiesHeading: "확률 (소프트맥스 출력)",
  error: (message: string) => `서버가 응답하지 못했습니다: ${message}`,
  galleryHeading: "MNIST 테스트 데이터",
  galleryIntro:
    "테스트 이미지를 고르면 신경망에 입력합니다. 각 타일은 정답 → 신경망의 판단입니다.",
  example11: "책의 예: 테스트 이미지 #11",
  correctHeading: "맞게 읽은 이미지",
  misreadHeading: (n: number) => `잘못 읽은 이미지 (10,000개 중 ${count(n)}개)`,
  showMore: "더 보기",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `테스트 이미지 #${index}`
      : `테스트 이미지 #${index}: 정답 ${label}, 판단 ${prediction}`,
  reportHeading: "얼마나 잘 읽을까",
  accuracyLabel: "테스트 정확도",
  correctOf: (correct: number, total: number) =>
    `테스트 이미지 ${count(total)}개 중 ${count(correct)}개 정답`,
  batchNote: (batchSize: number, seconds: number) =>
    `배치 크기 ${batchSize}로 ${seconds.toFixed(2)}초 만에 평가`,
  confusionHeading: "혼동 행렬",
  confusionCaption:
    "행은 정답, 열은 신경망의 판단입니다. 대각선이 맞힌 경우이며, 진한 칸일수록 이미지가 많습니다.",
  labelAxis: "정답",
  predictionAxis: "판단",
  perDigitHeading: "숫자별 정확도 (재현율)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: 이미지 ${count(images)}개 중 ${percent(recall)}`,
  explainerHeading: "신경망의 구조",
  layers: [
    { size: 784, name: "입력층", note: "28×28 픽셀" },
    { size: 50, name: "은닉층 1", note: "시그모이드" },
    { size: 100, name: "은닉층 2", note: "시그모이드" },
    { size: 10, name: "출력층", note: "소프트맥스" },
  ],
  explainer: [
    "그림은 0과 1 사이의 숫자 784개가 됩니다. MNIST처럼 검은 바탕에 흰 글씨인 28 × 28 픽셀입니다. 직접 그린 숫자는 먼저 글씨 부분만 잘라 긴 변이 20픽셀이 되도록 줄이고, 무게 중심이 가운데에 오도록 옮깁니다. MNIST 데이터를 만든 방식 그대로입니다.",
    "각 층은 입력에 가중치 행렬을 곱하고 편향을 더합니다: a1 = x · W1 + b1. 두 은닉층(뉴런 50개와 100개)은 이 값을 시그모이드 함수 σ(a) = 1 / (1 + exp(−a))에 통과시켜 0과 1 사이의 값으로 바꿉니다.",
    "출력층에는 숫자마다 뉴런이 하나씩 있습니다. 소프트맥스 함수가 점수 10개를 합이 1인 확률로 바꾸고, 가장 큰 확률의 숫자가 답입니다.",
    "배치 처리: 이미지를 한 장씩 넣는 대신 책에서는 100장을 한꺼번에 넣습니다. X는 100 × 784, X · W1은 100 × 50이 되어 행렬 곱 한 번으로 100장을 처리하고, 테스트 이미지 10,000장을 100번 만에 끝냅니다.",
    "가중치는 미리 학습된 값(책의 sample_weight.pkl)입니다. 3장에서는 학습 없이 신경망의 순전파, 곧 추론만 합니다.",
  ],
  footer:
    "가중치는 책의 sample_weight.pkl이며, 서버에서 onnxruntime-web으로 실행합니다. MNIST: Yann LeCun, Corinna Cortes, Christopher Burges.",
};

/** The strings of each language. */
export const TEXTS: Record<Lang, Texts> = { en, ko };
