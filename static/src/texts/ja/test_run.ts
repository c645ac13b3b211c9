/**
 * "Run the test set", in Japanese.
 *
 * @module
 */

import { count } from "../format.ts";
import type { TestRunTexts } from "../types.ts";

/** The book's accuracy loop, run in front of the reader. */
export const testRun: TestRunTexts = {
  heading: "テストデータを全部流す",
  note: "3.6.3節",
  intro:
    "本書の認識精度を求めるループを、テスト画像10,000枚すべてについてここで実行します。バッチごとにニューラルネットワークに通し、答えを正解ラベルと比べます。バッチサイズ1と100で実行し、1秒あたりの処理枚数を比べてみてください。その差がバッチ処理の効果です。",
  batchSize: "バッチサイズ（batch_size）",
  run: "テストデータを流す",
  cancel: "中止",
  where: {
    device: "このデバイスで",
    server: "サーバー（API）経由で",
  },
  serverBatches: (smallest: number) =>
    `サーバー経由ではバッチサイズ${smallest}以上のみです。それより小さいと、サーバーが1人に1分間で許すリクエスト数を超えます。`,
  progress: "処理したテスト画像",
  loading: "テストデータを読み込み中…",
  counter: (correct: number, total: number, accuracy: string) =>
    `accuracy_cnt = ${count(correct)} / ${
      count(total)
    } → Accuracy: ${accuracy}`,
  cancelled: (done: number) => `${count(done)}枚で中止しました。`,
  timingHeading: "バッチサイズ別の1秒あたりの処理枚数",
  untried: (batchSize: number) =>
    `batch_size = ${count(batchSize)}：まだ実行していません`,
  timing: (batchSize: number, perSecond: number, where: string) =>
    `batch_size = ${count(batchSize)}：毎秒${
      count(Math.round(perSecond))
    }枚、${where}`,
  code: "本書のコード（ch03/neuralnet_mnist_batch.py）",
};
