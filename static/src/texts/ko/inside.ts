/**
 * Inside the network: the explainer, the forward pass, a neuron, the lab, in Korean.
 *
 * @module
 */

import { josa } from "../korean.ts";
import type { InsideTexts } from "../types.ts";

/** Inside the network: the explainer, the forward pass, a neuron, the lab. */
export const inside: InsideTexts = {
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
    "소프트맥스 함수의 출력은 확신의 정도가 아닙니다. 합이 1이어야 하므로 선 하나나 글자에도 확실해 보이는 답이 나옵니다(가로선 하나를 98%로 4라고 읽습니다). 그래서 이 페이지는 두 신경망의 판단이 다를 때, 한 신경망의 가장 높은 두 답의 차이가 충분히 크지 않을 때, 그림이 점 하나이거나 어떤 숫자보다도 옆으로 넓을 때 ‘확실하지 않음’이라고 알립니다.",
  moreHeading: "더 보기: 전처리, 배치 처리, 가중치, DeepConvNet",
  more: [
    "직접 그린 숫자는 먼저 글씨 부분만 잘라 긴 변이 20픽셀이 되도록 줄이고, 무게 중심이 가운데에 오도록 옮깁니다. MNIST 데이터를 만든 방식 그대로입니다. 각 단계가 왜 필요한지는 전처리 실험실에서 볼 수 있습니다.",
    "배치 처리: 이미지를 한 장씩 넣는 대신 책에서는 100장을 한꺼번에 넣습니다. X는 100 × 784, X · W1은 100 × 50이 되어 행렬 곱 한 번으로 100장을 처리하고, 시험 이미지 10,000장을 100번 만에 끝냅니다.",
    "가중치는 미리 학습된 값(책의 sample_weight.pkl)입니다. 3장에서는 학습 없이 신경망의 순전파, 곧 추론만 합니다.",
    "8장의 DeepConvNet은 그림을 흩어진 수 784개가 아니라 1 × 28 × 28 형상 그대로 봅니다. 3 × 3 합성곱 계층 여섯 개(ReLU)와 최대 풀링 계층 세 개가 획과 모양을 찾고, 완전연결 계층 두 개와 소프트맥스 함수가 답을 냅니다. 시험 이미지 10,000장 중 MLP는 648장을, DeepConvNet은 203장을 잘못 읽습니다.",
  ],
  forwardHeading: "MLP 들여다보기: 순전파",
  forwardNote: "3.4절",
  forwardIntro:
    "같은 신경망이 지금 그린 숫자의 답을 계산하는 모습입니다. 칸 하나가 뉴런 하나입니다. a 줄은 가중치 합으로, 파란색은 양수, 빨간색은 음수이며 그 줄에서 가장 큰 |a|를 기준으로 칠합니다. z 줄은 활성화 함수의 출력으로, 0은 배경에 가까운 회색, 1은 선명한 파란색입니다. 칸을 고르면 값을 읽을 수 있습니다.",
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
};
