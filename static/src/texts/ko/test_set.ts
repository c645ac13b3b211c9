/**
 * The test set: the gallery and the chosen model's report, in Korean.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import { count, percent } from "../format.ts";
import { josa } from "../korean.ts";
import type { TestSetTexts } from "../types.ts";

/** The test set: the gallery and the chosen model's report. */
export const testSet: TestSetTexts = {
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
  reportError: (message: string) =>
    unreached(message)
      ? "서버에 연결하지 못해 보고서를 불러오지 못했습니다. 이 기기가 오프라인인지 확인해 주세요."
      : `보고서를 불러오지 못했습니다: ${message}`,
  correctOf: (correct: number, total: number) =>
    `시험 이미지 ${count(total)}개 중 ${count(correct)}개 정답`,
  batchNote: (batchSize: number, seconds: number) =>
    `배치 크기 ${josa(String(batchSize), "으로/로")} ${
      seconds.toFixed(2)
    }초 만에 평가`,
  confusionHeading: "혼동 행렬",
  confusionCaption:
    "행은 정답, 열은 신경망의 판단입니다. 대각선이 맞힌 경우이며, 색이 선명한 칸일수록 이미지가 많습니다. 화살표 키로 칸 사이를 옮겨 다니고, 칸을 고르면 그 이미지들을 보여 줍니다.",
  labelAxis: "정답",
  predictionAxis: "판단",
  perDigitHeading: "숫자별 정확도 (재현율)",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}: 이미지 ${count(images)}개 중 ${percent(recall)}`,
};
