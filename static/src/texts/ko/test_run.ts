/**
 * "Run the test set", in Korean.
 *
 * @module
 */

import { count } from "../format.ts";
import type { TestRunTexts } from "../types.ts";

/** The book's accuracy loop, run in front of the reader. */
export const testRun: TestRunTexts = {
  heading: "시험 데이터 전체 돌려 보기",
  note: "3.6.3절",
  intro:
    "책의 정확도 계산 루프를 시험 이미지 10,000개 전체에 대해 여기서 직접 돌립니다. 배치마다 신경망에 넣고, 답을 정답 레이블과 비교합니다. 배치 크기 1과 100으로 각각 돌려 초당 몇 장을 처리하는지 비교해 보세요. 그 차이가 배치 처리의 효과입니다.",
  batchSize: "배치 크기(batch_size)",
  run: "시험 데이터 돌리기",
  cancel: "취소",
  where: {
    device: "이 기기에서",
    server: "서버(API)를 거쳐",
  },
  serverBatches: (smallest: number) =>
    `서버를 거칠 때는 배치 크기 ${smallest} 이상만 쓸 수 있습니다. 더 작으면 서버가 한 사람에게 1분에 허용하는 요청 수를 넘습니다.`,
  progress: "처리한 시험 이미지",
  loading: "시험 데이터를 불러오는 중…",
  counter: (correct: number, total: number, accuracy: string) =>
    `accuracy_cnt = ${count(correct)} / ${
      count(total)
    } → Accuracy: ${accuracy}`,
  cancelled: (done: number) => `이미지 ${count(done)}장에서 멈췄습니다.`,
  timingHeading: "배치 크기별 초당 처리 이미지 수",
  untried: (batchSize: number) =>
    `batch_size = ${count(batchSize)}: 아직 돌리지 않음`,
  timing: (batchSize: number, perSecond: number, where: string) =>
    `batch_size = ${count(batchSize)}: 초당 ${
      count(Math.round(perSecond))
    }장, ${where}`,
  code: "책의 코드 (ch03/neuralnet_mnist_batch.py)",
};
