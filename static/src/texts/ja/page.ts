/**
 * The page's frame: title, language chooser, models, links, footer, in Japanese.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import type { PageTexts } from "../types.ts";

/** The page's frame: title, language chooser, models, links, footer. */
export const page: PageTexts = {
  title: "手書き数字認識",
  subtitle:
    "『ゼロから作るDeep Learning』の学習済みニューラルネットワークが、あなたの描いた数字を読み取ります。3章の784 → 50 → 100 → 10のニューラルネットワークと、8章のDeepConvNetです。",
  languageName: "日本語",
  languageLabel: "言語",
  modelLabel: "モデル",
  models: {
    mlp: { name: "MLP", note: "3章 · 784-50-100-10" },
    "deep-cnn": { name: "DeepConvNet", note: "8章 · 畳み込み層6つ" },
  },
  error: (message: string) =>
    unreached(message)
      ? "サーバーに接続できませんでした。この端末がオフラインになっていないか確認してください。"
      : `サーバーが応答できませんでした：${message}`,
  links: {
    heading: "本書のソースコードとこのページのAPI",
    bookOriginal:
      "本書のソースコード：ゼロから作るDeep Learning（オライリー・ジャパン）",
    bookKorean:
      "韓国語版のソースコード：밑바닥부터 시작하는 딥러닝（Hanbit Media）",
    openApi: "APIの仕様（OpenAPI 3）",
    curl: "ターミナルから、本書のテスト画像11番とMLPの答えを取得：",
  },
  footer:
    "重みは本書のsample_weight.pklとdeep_convnet_params.pklで、onnxruntime-webで実行しています。MNIST：Yann LeCun、Corinna Cortes、Christopher Burges。日本語・韓国語のフォント：Noto Sans JP、Noto Sans KR（SIL Open Font License）。",
};
