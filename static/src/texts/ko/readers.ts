/**
 * "Was it right?" and the readers' drawings, in Korean.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import { count } from "../format.ts";
import { josa } from "../korean.ts";
import type { ReadersTexts } from "../types.ts";

/** After "서버에 연결하지 못해 …지 못했습니다." when no server answered. */
const CHECK = "이 기기가 오프라인인지 확인해 주세요.";

/** "Was it right?" and the readers' drawings. */
export const readers: ReadersTexts = {
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
  saveError: (message: string) =>
    unreached(message)
      ? `서버에 연결하지 못해 저장하지 못했습니다. ${CHECK}`
      : `저장하지 못했습니다: ${message}`,
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
    unreached(message)
      ? `서버에 연결하지 못해 독자들의 손글씨를 불러오지 못했습니다. ${CHECK}`
      : `독자들의 손글씨를 불러오지 못했습니다: ${message}`,
};
