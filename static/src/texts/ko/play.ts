/**
 * The first screen: the pad, the answer, doubt, both models, in Korean.
 *
 * @module
 */

import { percent, points } from "../format.ts";
import { josa, particleAfter } from "../korean.ts";
import type { Guess, PlayTexts } from "../types.ts";

/** The first screen: the pad, the answer, doubt, both models. */
export const play: PlayTexts = {
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
  reasonCloseCall: (
    model: string,
    first: Guess,
    second: Guess,
    needed: number,
  ) =>
    `${model}의 가장 높은 두 답 ${first.digit}(${percent(first.probability)})${
      particleAfter(String(first.digit), "과/와")
    } ${second.digit}(${percent(second.probability)})의 차이가 ${
      points(first.probability - second.probability)
    }%p로, 확실한 판단에 필요한 ${points(needed, 0)}%p보다 작습니다.`,
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
};
