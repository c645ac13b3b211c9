/**
 * The page's frame: title, language chooser, models, links, footer, in English.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import type { PageTexts } from "../types.ts";

/** The page's frame: title, language chooser, models, links, footer. */
export const page: PageTexts = {
  title: "Handwritten digit recogniser",
  subtitle:
    "The pretrained networks of Deep Learning from Scratch read the digit you draw: chapter 3's 784 → 50 → 100 → 10 network and chapter 8's DeepConvNet.",
  languageName: "English",
  languageLabel: "Language",
  modelLabel: "Model",
  models: {
    mlp: { name: "MLP", note: "chapter 3 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "chapter 8 · 6 convolutions" },
  },
  error: (message: string) =>
    unreached(message)
      ? "No answer: the server could not be reached. Is this device offline?"
      : `The server could not answer: ${message}`,
  links: {
    heading: "The book's code and this page's API",
    bookOriginal:
      "The book's code: ゼロから作るDeep Learning (O'Reilly Japan), the original",
    bookKorean:
      "The Korean edition's code: 밑바닥부터 시작하는 딥러닝 (Hanbit Media)",
    openApi: "The API, described in OpenAPI 3",
    curl: "The book's test image 11 and the MLP's answer, from a terminal:",
  },
  footer:
    "Weights from the book's sample_weight.pkl and deep_convnet_params.pkl, run with onnxruntime-web. MNIST by Yann LeCun, Corinna Cortes and Christopher Burges. Korean and Japanese text in Noto Sans KR and Noto Sans JP (SIL Open Font License).",
};
