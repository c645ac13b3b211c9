/**
 * "One neuron, step by step", in Japanese.
 *
 * @module
 */

import { count } from "../format.ts";
import type { StepsTexts } from "../types.ts";

/** The book's predict() worked through. */
export const steps: StepsTexts = {
  heading: "ニューロン1つを1ステップずつ",
  note: "3.4〜3.5節",
  intro:
    "本書のpredict(network, x)を、同じ重み（sample_weight.pkl）を使ってこのブラウザで計算します。コードの各行の横に、その行が計算する値を並べます。中間層1のニューロン1つを最後までたどり、そのまま10個の確率まで進みます。",
  input: "入力",
  testImage: "テスト画像",
  testImageNumber: "テスト画像の番号（0〜9999）",
  pad: "描画エリアにある絵",
  padEmpty: "数字を描くかテスト画像を選ぶと、ここでたどれます。",
  neuron: "中間層1のニューロンj（0〜49）",
  loading: "ニューラルネットワークの重みを読み込み中…",
  x: (ink: number) =>
    `x：絵の784ピクセルで、それぞれ0から1の間の値です。そのうち${
      count(ink)
    }個が文字の部分（0でない値）で、和に効くのはそのピクセルだけです。`,
  sum: (j: number, terms: number) =>
    `ニューロン${j}の重み付き和a1[${j}]：文字の部分の${
      count(terms)
    }個のピクセルそれぞれについて、値x[i]と重みW1[i, ${j}]を掛けて足し合わせ、最後にバイアスb1[${j}]を足します。絶対値の大きい項：`,
  allTerms: (n: number) => `${count(n)}個の項をすべて表示`,
  pixel: "ピクセルi",
  layer1: "中間層1の50個のニューロンすべて：a1",
  sigmoid:
    "シグモイド関数は、どんな和も0から1の間の値に変えます。大きな和は1に近く、大きな負の和は0に近くなります。",
  curve: (a: string, z: string) =>
    `−8から8までのシグモイド関数の曲線。点はa1 = ${a}、z1 = ${z}`,
  layer2:
    "中間層2も、z1の50個の値で同じことをします。100個の重み付き和（W2は50 × 100）を、それぞれシグモイド関数に通します。",
  layer3:
    "出力層：z2の100個の値から10個の重み付き和（W3は100 × 10）を求め、数字ごとのスコアa3を得ます。続いてソフトマックス関数（3.5節）を適用します。",
  max: (digit: number) =>
    `最も高いスコアで、数字${digit}のものです。大きなスコアのexpはオーバーフローする（exp(1000)はInfinity）ため、本書ではまずcを引きます（3.5.2節）。こうするとa − cはすべて0以下、expはすべて1以下になり、yは変わりません。`,
  exp:
    "ずらした各スコアのexp：すべて正の数で、最も高いスコアのものはちょうど1です。",
  divide: "それぞれを和で割ると、合計が1になる10個の確率になります。",
  digit: "数字",
  book: "本書",
  answer: (digit: number, p: string) =>
    `答えはyが最も大きい数字${digit}です（${p}）。`,
};
