/**
 * The page's frame: title, language chooser, models, links, footer, in Korean.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import type { PageTexts } from "../types.ts";

/** The page's frame: title, language chooser, models, links, footer. */
export const page: PageTexts = {
  title: "손글씨 숫자 인식기",
  subtitle:
    "『밑바닥부터 시작하는 딥러닝』의 학습된 신경망이 직접 그린 숫자를 읽습니다. 3장의 784 → 50 → 100 → 10 신경망과 8장의 DeepConvNet입니다.",
  languageName: "한국어",
  languageLabel: "언어",
  modelLabel: "모델",
  models: {
    mlp: { name: "MLP", note: "3장 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "8장 · 합성곱 계층 6개" },
  },
  error: (message: string) =>
    unreached(message)
      ? "서버에 연결하지 못했습니다. 이 기기가 오프라인인지 확인해 주세요."
      : `서버가 응답하지 못했습니다: ${message}`,
  links: {
    heading: "책의 소스 코드와 이 페이지의 API",
    bookOriginal: "원서의 소스 코드: ゼロから作るDeep Learning(오라일리 재팬)",
    bookKorean: "한국어판의 소스 코드: 밑바닥부터 시작하는 딥러닝(한빛미디어)",
    openApi: "API 명세(OpenAPI 3)",
    curl: "터미널에서 책의 시험 이미지 11번과 MLP의 판단 받아 보기:",
  },
  footer:
    "가중치는 책의 sample_weight.pkl과 deep_convnet_params.pkl이며, onnxruntime-web으로 실행합니다. MNIST: Yann LeCun, Corinna Cortes, Christopher Burges. 한글·일본어 글꼴: Noto Sans KR, Noto Sans JP(SIL Open Font License).",
};
