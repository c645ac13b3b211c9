/**
 * Every string the page shows, in English and Korean. Components take a
 * `Texts` and never hold words of their own.
 *
 * @module
 */

import type { ModelName } from "../api.ts";
import type { Lang } from "./lang.ts";

/** A percentage with one decimal, e.g. `0.91198` → `"91.2%"`. */
export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A count with thousands separators, e.g. `10000` → `"10,000"`. */
export function count(value: number): string {
  return value.toLocaleString("en-US");
}

/** The object particle after a digit read in Korean: 이를, 사를, but 영을, 일을. */
function eul(digit: number): string {
  return [2, 4, 5, 9].includes(digit) ? "를" : "을";
}

/** The particle "as" after a digit read in Korean: 영으로, 삼으로, but 일로, 이로. */
function ro(digit: number): string {
  return [0, 3, 6].includes(digit) ? "으로" : "로";
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

const en = {
  lang: "en" as Lang,
  title: "Handwritten digit recogniser",
  subtitle:
    "Deep Learning from Scratch: the pretrained networks of chapter 3 (784 → 50 → 100 → 10) and chapter 8 (DeepConvNet) read the digit you draw.",
  switchLabel: "한국어",
  switchAria: "한국어로 보기 (Switch to Korean)",
  modelLabel: "Model",
  models: {
    mlp: { name: "MLP", note: "chapter 3 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "chapter 8 · 6 convolutions" },
  } as Record<ModelName, ModelText>,
  drawHeading: "Draw a digit",
  canvasLabel: "Drawing area: draw one digit from 0 to 9",
  undo: "Undo",
  clear: "Clear",
  keysHint: "Esc or Delete clears · Ctrl/⌘ + Z undoes the last stroke",
  prompt: "Draw a digit from 0 to 9 — the network reads it as you draw.",
  predictionLabel: (model: string) => `The ${model} reads`,
  confidence: (p: number) => `probability ${percent(p)}`,
  fromDrawing: "your drawing",
  fromTestImage: (index: number, label: number) =>
    `test image #${index} (label ${label})`,
  inputHeading: "What the network sees",
  inputNote: "28 × 28, centred as in MNIST",
  probabilitiesHeading: "Probabilities (softmax output)",
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
    "Pick a test image to feed it to the network. Each tile shows the true label → the network's answer.",
  example11: "Book example: test image #11",
  correctHeading: "Read correctly",
  misreadHeading: (n: number, model: string) =>
    `Misread by the ${model} (${count(n)} of 10,000)`,
  showMore: "Show more",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `Test image #${index}`
      : `Test image #${index}: label ${label}, read as ${prediction}`,
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
    "Rows: the true label. Columns: the network's answer. The diagonal is right; darker cells hold more images.",
  labelAxis: "label",
  predictionAxis: "answer",
  perDigitHeading: "Accuracy per digit (recall)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: ${percent(recall)} of ${count(images)} images`,
  forwardHeading: "Inside the MLP: the forward pass",
  forwardNote: "chapter 3.4, for every drawing and test image",
  forwardIntro:
    "This is the book's three-layer network (section 3.4) computing its answer, one cell per neuron. The input x is the 28 × 28 picture as one row of 784 numbers. Each layer takes a weighted sum, a1 = x · W1 + b1: a 1 × 784 row times the 784 × 50 matrix W1 gives 50 numbers. The activation function then turns each into z1 = sigmoid(a1), between 0 and 1, and z1 is the next layer's input, through W2 (50 × 100) and W3 (100 × 10). The output layer uses softmax instead: y = softmax(a3) are the ten probabilities. In the a rows blue is positive and red negative, scaled to the row's largest |a|; in the z and y rows white is 0 and dark blue 1. Point at a cell to read its value.",
  forwardEmpty:
    "Draw a digit or pick a test image to see its values flow through the layers.",
  flatLabel: "The input flattened into one row of 784 pixels",
  sigmoidNote: "activation function: each value into (0,\u00a01)",
  softmaxNote: "ten probabilities that add up to 1",
  stripLabel: (name: string, n: number, signed: boolean) =>
    `${name}: ${n} ${signed ? "weighted sums" : "values between 0 and 1"}`,
  legendUnit: "z, y: 0 → 1",
  legendSigned: "a: negative · 0 · positive",
  batchLabel: "A batch of N images:",
  batchShapesNote:
    "the same products with N rows; the book reads the test set with N = 100.",
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
    "The DeepConvNet of chapter 8 looks at the picture as 1 × 28 × 28 rather than 784 loose numbers: six 3 × 3 convolutions with ReLU and three max-pooling layers find strokes and shapes, then two affine layers and softmax give the answer. It misreads 203 of the 10,000 test images where the MLP misreads 648.",
  ],
  footer:
    "Weights from the book's sample_weight.pkl and deep_convnet_params.pkl, run with onnxruntime-web on the server. MNIST by Yann LeCun, Corinna Cortes and Christopher Burges.",
};

/** The page's strings in one language. */
export type Texts = typeof en;

const ko: Texts = {
  lang: "ko",
  title: "손글씨 숫자 인식기",
  subtitle:
    "『밑바닥부터 시작하는 딥러닝』 3장의 신경망(784 → 50 → 100 → 10)과 8장의 DeepConvNet이 직접 그린 숫자를 읽습니다. 둘 다 미리 학습된 가중치를 씁니다.",
  switchLabel: "English",
  switchAria: "Switch to English (영어로 보기)",
  modelLabel: "모델",
  models: {
    mlp: { name: "MLP", note: "3장 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "8장 · 합성곱 6층" },
  },
  drawHeading: "숫자를 그려 보세요",
  canvasLabel: "그리기 영역: 0부터 9까지 숫자 하나를 그리세요",
  undo: "되돌리기",
  clear: "지우기",
  keysHint: "Esc·Delete: 지우기 · Ctrl/⌘ + Z: 마지막 획 되돌리기",
  prompt:
    "0부터 9까지 숫자 하나를 그려 보세요. 그리는 동안 신경망이 읽어 냅니다.",
  predictionLabel: (model: string) => `${model}의 판단`,
  confidence: (p: number) => `확률 ${percent(p)}`,
  fromDrawing: "직접 그린 숫자",
  fromTestImage: (index: number, label: number) =>
    `테스트 이미지 #${index} (정답 ${label})`,
  inputHeading: "신경망이 보는 입력",
  inputNote: "28 × 28, MNIST처럼 가운데 정렬",
  probabilitiesHeading: "확률 (소프트맥스 출력)",
  compareLabel: "두 모델의 판단:",
  disagree: "서로 다르게 읽음",
  error: (message: string) => `서버가 응답하지 못했습니다: ${message}`,
  feedbackQuestion: "맞게 읽었나요?",
  feedbackHint:
    "틀렸다면 원래 쓰려던 숫자를 눌러 주세요(맞았다면 같은 숫자를). 그림이 아래 '독자들의 손글씨'에 더해집니다.",
  feedbackDigit: (digit: number, guessed: boolean) =>
    guessed
      ? `${digit}${eul(digit)} 쓴 거예요 (신경망의 판단과 같음)`
      : `${digit}${eul(digit)} 쓴 거예요`,
  storedNote: (days: number) =>
    `누르면 28 × 28 그림과 누른 숫자만 ${
      count(days)
    }일 동안 저장합니다. IP 주소나 사용자 에이전트는 저장하지 않습니다.`,
  savedAs: (digit: number) => `${digit}${ro(digit)} 저장했습니다. 고맙습니다!`,
  deleteMine: "삭제하기",
  deletedMine: "삭제했습니다.",
  saveError: (message: string) => `저장하지 못했습니다: ${message}`,
  readersHeading: "독자들의 손글씨",
  readersIntro:
    "이 페이지에서 그리고 그린 사람이 직접 정답을 붙인 숫자들입니다. 실제 손글씨는 MNIST와 다릅니다. 각 신경망이 이 그림들을 얼마나 잘 읽는지 MNIST 테스트 정확도와 나란히 보여 줍니다.",
  readersColumn: (n: number) => `독자 손글씨 (${count(n)}개)`,
  mnistColumn: "MNIST 테스트 데이터",
  readersScore: (correct: number, total: number) =>
    `${count(total)}개 중 ${count(correct)}개`,
  filterLabel: "보기:",
  filterAll: "전체",
  readersLegend: "각 타일: 독자가 붙인 정답 → MLP · DeepConvNet의 판단",
  readersEmpty:
    "아직 저장된 그림이 없습니다. 위에서 숫자를 그리고 원래 쓰려던 숫자를 눌러 보세요.",
  readersEmptyLabel: (label: number) =>
    `아직 ${label}${eul(label)} 그린 그림이 없습니다.`,
  readersItem: (label: number, mlp?: number, cnn?: number) =>
    `정답 ${label}: MLP의 판단 ${mlp ?? "?"}, DeepConvNet의 판단 ${cnn ?? "?"}`,
  readersError: (message: string) =>
    `독자들의 손글씨를 불러오지 못했습니다: ${message}`,
  galleryHeading: "MNIST 테스트 데이터",
  galleryIntro:
    "테스트 이미지를 고르면 신경망에 입력합니다. 각 타일은 정답 → 신경망의 판단입니다.",
  example11: "책의 예: 테스트 이미지 #11",
  correctHeading: "맞게 읽은 이미지",
  misreadHeading: (n: number, model: string) =>
    `잘못 읽은 이미지 (${model}, 10,000개 중 ${count(n)}개)`,
  showMore: "더 보기",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `테스트 이미지 #${index}`
      : `테스트 이미지 #${index}: 정답 ${label}, 판단 ${prediction}`,
  reportHeading: "얼마나 잘 읽을까",
  accuracyLabel: (model: string) => `테스트 정확도 (${model})`,
  reportError: (message: string) => `보고서를 불러오지 못했습니다: ${message}`,
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
  forwardHeading: "MLP 들여다보기: 순전파",
  forwardNote: "3.4절, 그림과 테스트 이미지마다 계산",
  forwardIntro:
    "책 3.4절의 3층 신경망이 답을 계산하는 모습입니다. 칸 하나가 뉴런 하나입니다. 입력 x는 28 × 28 그림을 한 줄로 편 784개의 수입니다. 각 층은 가중치 합 a1 = x · W1 + b1을 구합니다. 1 × 784 행에 784 × 50 행렬 W1을 곱하면 수 50개가 나옵니다. 이어서 활성화 함수가 각 값을 0과 1 사이의 z1 = sigmoid(a1)로 바꾸고, z1은 다음 층의 입력이 되어 W2(50 × 100)와 W3(100 × 10)를 거칩니다. 출력층은 소프트맥스를 씁니다: y = softmax(a3)가 열 개의 확률입니다. a 줄에서 파란색은 양수, 빨간색은 음수이며 그 줄에서 가장 큰 |a|를 기준으로 칠합니다. z와 y 줄에서 흰색은 0, 진한 파란색은 1입니다. 칸을 가리키면 값이 보입니다.",
  forwardEmpty:
    "숫자를 그리거나 테스트 이미지를 고르면 값이 층을 따라 흐르는 모습이 보입니다.",
  flatLabel: "한 줄로 편 입력: 픽셀 784개",
  sigmoidNote: "활성화 함수: 각 값을 0과 1 사이로",
  softmaxNote: "합이 1인 확률 10개",
  stripLabel: (name: string, n: number, signed: boolean) =>
    `${name}: ${signed ? "가중치 합" : "0과 1 사이의 값"} ${n}개`,
  legendUnit: "z, y: 0 → 1",
  legendSigned: "a: 음수 · 0 · 양수",
  batchLabel: "N장 배치:",
  batchShapesNote:
    "행이 N개일 뿐 같은 곱셈입니다. 책에서는 N = 100으로 테스트 데이터를 읽습니다.",
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
    "8장의 DeepConvNet은 그림을 흩어진 수 784개가 아니라 1 × 28 × 28 형상 그대로 봅니다. 3 × 3 합성곱 여섯 층(ReLU)과 최대 풀링 세 층이 획과 모양을 찾고, 완전연결 계층 두 개와 소프트맥스가 답을 냅니다. 테스트 이미지 10,000장 중 MLP는 648장을, DeepConvNet은 203장을 잘못 읽습니다.",
  ],
  footer:
    "가중치는 책의 sample_weight.pkl과 deep_convnet_params.pkl이며, 서버에서 onnxruntime-web으로 실행합니다. MNIST: Yann LeCun, Corinna Cortes, Christopher Burges.",
};

/** The strings of each language. */
export const TEXTS: Record<Lang, Texts> = { en, ko };
