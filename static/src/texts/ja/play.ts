/**
 * The first screen: the pad, the answer, doubt, both models, in Japanese.
 *
 * @module
 */

import { percent, points } from "../format.ts";
import type { Guess, PlayTexts } from "../types.ts";

/** The first screen: the pad, the answer, doubt, both models. */
export const play: PlayTexts = {
  drawHeading: "数字を描いてみましょう",
  canvasLabel: "描画エリア：0から9までの数字を1つ描いてください",
  gettingReady: "準備中…",
  undo: "元に戻す",
  clear: "消去",
  keysHint: "Esc・Delete：消去 · Ctrl/⌘ + Z：最後の一画を元に戻す",
  prompt:
    "0から9までの数字を1つ描いてください。描いている間にニューラルネットワークが読み取ります。",
  tryExample: "または、本書のテスト画像11番を入力してみましょう",
  predictionLabel: (model: string) => `${model}の認識結果`,
  score: (p: number) => `ソフトマックス関数の出力 ${percent(p)}`,
  unsure: "確かとは言えません",
  unsureGuess: (digit: number) => `${digit}でしょうか？`,
  reasonLittleInk: "数字にしては小さすぎます。もっと大きく描いてください。",
  reasonTooWide:
    "高さに比べて幅が広すぎます。MNISTにこのような数字はありません。",
  reasonDisagree: (a: string, b: string) =>
    `2つのニューラルネットワークの判断が異なります：${a}、${b}。`,
  reasonCloseCall: (
    model: string,
    first: Guess,
    second: Guess,
    needed: number,
  ) =>
    `${model}の上位2つの答え、${first.digit}（${
      percent(first.probability)
    }）と${second.digit}（${percent(second.probability)}）の差は${
      points(first.probability - second.probability)
    }ポイントで、はっきりした判断に必要な${
      points(needed, 0)
    }ポイントに届きません。`,
  announce: (model: string, digit: number, p: number) =>
    `${model}は${digit}と読み取りました。ソフトマックス関数の出力は${
      percent(p)
    }です。`,
  announceUnsure: (model: string, digit: number) =>
    `確かとは言えません。${model}の答えはおそらく${digit}です。`,
  fromDrawing: "あなたが描いた数字",
  fromTestImage: (index: number, label: number) =>
    `テスト画像${index}番（正解ラベル${label}）`,
  trace: "この数字をなぞる",
  traceOff: "なぞり用の画像を隠す",
  inputHeading: "ニューラルネットワークへの入力",
  inputNote: "28 × 28、MNISTと同じく中央に配置",
  probabilitiesHeading: "ソフトマックス関数の出力",
  probabilitiesNote:
    "常に合計が1になる10個の数で、確信の度合いを表すものではありません。",
  compareLabel: "2つのモデルの判断：",
  disagree: "判断が分かれています",
};
