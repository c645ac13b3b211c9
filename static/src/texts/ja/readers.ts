/**
 * "Was it right?" and the readers' drawings, in Japanese.
 *
 * @module
 */

import { unreached } from "../failure.ts";
import { count } from "../format.ts";
import type { ReadersTexts } from "../types.ts";

/** After "サーバーに接続できず、…できませんでした。" when no server answered. */
const CHECK = "この端末がオフラインになっていないか確認してください。";

/** "Was it right?" and the readers' drawings. */
export const readers: ReadersTexts = {
  feedbackQuestion: "正しく読み取れましたか？",
  feedbackHint:
    "違っていたら、描こうとした数字を押してください（合っていたら同じ数字を）。描いた絵が下の「読者の手書き数字」に加わります。",
  feedbackDigit: (digit: number, guessed: boolean) =>
    // the digit comes first, apart: a screen reader's name holds the visible text
    guessed
      ? `${digit}：描こうとした数字（ニューラルネットワークの判断と同じ）`
      : `${digit}：描こうとした数字`,
  storedNote: (days: number) =>
    `押すと、28 × 28の画像と押した数字だけを${
      count(days)
    }日間保存します。IPアドレスやユーザーエージェントは保存しません。`,
  savedAs: (digit: number) =>
    `${digit}として保存しました。ありがとうございます！`,
  deleteMine: "削除する",
  deletedMine: "削除しました。",
  saveError: (message: string) =>
    unreached(message)
      ? `サーバーに接続できず、保存できませんでした。${CHECK}`
      : `保存できませんでした：${message}`,
  readersHeading: "読者の手書き数字",
  readersIntro:
    "このページで描かれ、描いた人自身が正解ラベルを付けた数字です。実際の手書き文字はMNISTとは違います。それぞれのニューラルネットワークがこれらをどれだけ正しく読み取れるかを、MNISTのテストデータでの認識精度と並べて示します。",
  readersColumn: (n: number) => `読者の手書き数字（${count(n)}個）`,
  mnistColumn: "MNISTのテストデータ",
  readersScore: (correct: number, total: number) =>
    `${count(total)}個中${count(correct)}個`,
  filterLabel: "表示：",
  filterAll: "すべて",
  readersLegend: "各タイル：読者が付けた正解ラベル → MLP · DeepConvNetの判断",
  readersEmpty:
    "まだ保存された絵はありません。上で数字を描いて、描こうとした数字を押してください。",
  readersEmptyLabel: (label: number) => `${label}を描いた絵はまだありません。`,
  readersItem: (label: number, mlp?: number, cnn?: number) =>
    `正解ラベル${label}：MLPの判断${mlp ?? "?"}、DeepConvNetの判断${
      cnn ?? "?"
    }`,
  readersError: (message: string) =>
    unreached(message)
      ? `サーバーに接続できず、読者の手書き数字を読み込めませんでした。${CHECK}`
      : `読者の手書き数字を読み込めませんでした：${message}`,
};
