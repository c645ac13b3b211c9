/**
 * "One neuron, step by step", in Korean.
 *
 * @module
 */

import { count } from "../format.ts";
import type { StepsTexts } from "../types.ts";

/** The book's predict() worked through. */
export const steps: StepsTexts = {
  heading: "뉴런 하나, 한 단계씩",
  note: "3.4~3.5절",
  intro:
    "책의 predict(network, x)를 같은 가중치(sample_weight.pkl)로 이 브라우저에서 직접 계산합니다. 코드 한 줄마다 그 줄이 계산하는 값을 나란히 보여 줍니다. 첫 번째 은닉층의 뉴런 하나를 끝까지 따라간 다음, 나머지 길을 따라 확률 10개까지 갑니다.",
  input: "입력",
  testImage: "시험 이미지",
  testImageNumber: "시험 이미지 번호, 0~9999",
  pad: "지금 그림판에 있는 그림",
  padEmpty: "숫자를 그리거나 시험 이미지를 고르면 여기서 따라갈 수 있습니다.",
  neuron: "첫 번째 은닉층의 뉴런 j, 0~49",
  loading: "신경망의 가중치를 불러오는 중…",
  x: (ink: number) =>
    `x: 그림의 픽셀 784개로, 각각 0에서 1 사이의 값입니다. 그중 ${
      count(ink)
    }개가 글씨(0이 아닌 값)이고, 합에 무언가를 더하는 것은 이 픽셀들뿐입니다.`,
  sum: (j: number, terms: number) =>
    `뉴런 ${j}의 가중치 합 a1[${j}]: 글씨 픽셀 ${
      count(terms)
    }개마다 픽셀 값(x[i])에 가중치(W1[i, ${j}])를 곱해 모두 더하고, 마지막에 편향(b1[${j}])을 더합니다. 절댓값이 가장 큰 항들:`,
  allTerms: (n: number) => `항 ${count(n)}개 모두 보기`,
  pixel: "픽셀 i",
  layer1: "첫 번째 은닉층의 뉴런 50개 모두: a1",
  sigmoid:
    "시그모이드 함수는 어떤 합이든 0과 1 사이의 값으로 바꿉니다. 합이 크면 1에 가깝고, 아주 작은 음수이면 0에 가깝습니다.",
  curve: (a: string, z: string) =>
    `−8에서 8까지의 시그모이드 곡선, 점은 a1 = ${a}, z1 = ${z}`,
  layer2:
    "두 번째 은닉층도 z1의 값 50개로 같은 일을 합니다. 가중치 합 100개(W2: 50 × 100)를 각각 시그모이드 함수에 통과시킵니다.",
  layer3:
    "출력층: z2의 값 100개로 가중치 합 10개(W3: 100 × 10)를 구해 숫자마다 점수(a3)가 하나씩 나오고, 이어서 소프트맥스 함수(3.5절)를 적용합니다.",
  max: (digit: number) =>
    `가장 높은 점수로, 숫자 ${digit}의 점수입니다. 큰 점수의 exp는 오버플로를 일으키므로(exp(1000)은 Infinity), 책은 먼저 c를 뺍니다(3.5.2절). 그러면 a − c는 모두 0 이하, exp는 모두 1 이하가 되고 y는 달라지지 않습니다.`,
  exp:
    "이동한 점수 각각의 exp: 모두 양수이고, 가장 높은 점수의 값은 정확히 1입니다.",
  divide: "각각을 그 합으로 나누면 합이 1인 확률 10개가 됩니다.",
  digit: "숫자",
  book: "책",
  answer: (digit: number, p: string) =>
    `답은 y가 가장 큰 숫자 ${digit}입니다(${p}).`,
};
