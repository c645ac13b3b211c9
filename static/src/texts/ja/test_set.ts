/**
 * The test set: the gallery and the chosen model's report, in Japanese.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import { count, percent } from "../format.ts";
import type { TestSetTexts } from "../types.ts";

/** The test set: the gallery and the chosen model's report. */
export const testSet: TestSetTexts = {
  galleryHeading: "MNISTのテストデータ",
  galleryIntro:
    "テスト画像を選ぶとニューラルネットワークに入力します。各タイルは「正解ラベル → ニューラルネットワークの判断」です。",
  example11: "本書の例：テスト画像11番",
  correctHeading: "正しく読み取れた画像",
  misreadHeading: (n: number, model: string) =>
    `${model}が読み誤った画像（10,000枚中${count(n)}枚）`,
  showMore: "もっと見る",
  galleryItem: (index: number, label?: number, prediction?: number) =>
    label === undefined
      ? `テスト画像${index}番`
      : `テスト画像${index}番：正解ラベル${label}、判断${prediction}`,
  filterHeading: (label: number, prediction: number, n: number) =>
    label === prediction
      ? `${label}を正しく読み取ったテスト画像${count(n)}枚`
      : `${label}を${prediction}と読み取ったテスト画像${count(n)}枚`,
  filterNote: (shown: number, n: number) =>
    shown < n ? `${count(n)}枚中、最初の${shown}枚` : "",
  clearFilter: "ギャラリー全体を表示",
  reportHeading: "どれだけ正しく読み取れるか",
  accuracyLabel: (model: string) => `テストデータでの認識精度（${model}）`,
  reportError: (message: string) =>
    unreached(message)
      ? "サーバーに接続できず、レポートを読み込めませんでした。この端末がオフラインになっていないか確認してください。"
      : `レポートを読み込めませんでした：${message}`,
  correctOf: (correct: number, total: number) =>
    `テスト画像${count(total)}枚中${count(correct)}枚が正解`,
  batchNote: (batchSize: number, seconds: number) =>
    `バッチサイズ${batchSize}のバッチ処理で${seconds.toFixed(2)}秒で評価`,
  confusionHeading: "混同行列",
  confusionCaption:
    "行は正解ラベル、列はニューラルネットワークの判断です。対角線上が正解で、色がはっきりしたセルほど画像が多くあります。矢印キーでセル間を移動し、セルを選ぶとその画像を表示します。",
  labelAxis: "正解",
  predictionAxis: "判断",
  perDigitHeading: "数字ごとの認識精度（再現率）",
  perDigitItem: (digit: number, recall: number, images: number) =>
    `${digit}：${count(images)}枚中${percent(recall)}`,
};
