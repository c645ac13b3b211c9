/**
 * Inside the network: the explainer, the forward pass, a neuron, the lab, in Japanese.
 *
 * @module
 */

import type { InsideTexts } from "../types.ts";

/** Inside the network: the explainer, the forward pass, a neuron, the lab. */
export const inside: InsideTexts = {
  explainerHeading: "ニューラルネットワークが数字を読み取るしくみ",
  layers: [
    { size: 784, name: "入力層", note: "28×28ピクセル" },
    { size: 50, name: "中間層1", note: "シグモイド" },
    { size: 100, name: "中間層2", note: "シグモイド" },
    { size: 10, name: "出力層", note: "ソフトマックス" },
  ],
  explainer: [
    "描いた絵は0から1までの784個の数になります。MNISTと同じく、黒地に白い文字の28 × 28ピクセルです。",
    "各層は入力に重みの行列を掛けてバイアスを足します：a1 = x · W1 + b1。2つの中間層（ニューロン50個と100個）は、この重み付き和を活性化関数であるシグモイド関数 σ(a) = 1 / (1 + exp(−a)) に通して、0から1の間の値に変換します。",
    "出力層には数字ごとにニューロンが1つあります。ソフトマックス関数が10個のスコアを合計1の数に変え、最も大きな値の数字が答えになります。",
  ],
  notCertainty:
    "ソフトマックス関数の出力は確信の度合いではありません。合計が1になるので、線1本や文字にも確かそうな答えが出ます（横線1本を98%で4と読み取ります）。そこでこのページは、2つのニューラルネットワークの判断が異なるとき、一方のニューラルネットワークの上位2つの答えの差が十分でないとき、絵が点だけのときや、どの数字よりも横に広いときに「確かとは言えません」と表示します。",
  moreHeading: "詳しく：前処理、バッチ処理、重み、DeepConvNet",
  more: [
    "描いた数字は、まず文字の部分だけを切り出し、長い辺が20ピクセルになるように縮小して、重心が中央に来るように移動します。MNISTのデータが作られたときと同じ前処理です。それぞれの処理が何のためにあるかは、前処理ラボで確かめられます。",
    "バッチ処理：画像を1枚ずつ入力する代わりに、本書では100枚をまとめて入力します。Xは100 × 784、X · W1は100 × 50となり、1回の行列の積で100枚を処理するので、10,000枚のテスト画像が100回で終わります。",
    "重みは学習済みの値（本書のsample_weight.pkl）です。3章では学習は行わず、ニューラルネットワークの推論処理、つまり順方向伝播だけを行います。",
    "8章のDeepConvNetは、絵をばらばらの784個の数ではなく、1 × 28 × 28の形のまま扱います。3 × 3の畳み込み層6つ（活性化関数はReLU）とプーリング層3つが線や形を見つけ、全結合層2つとソフトマックス関数が答えを出します。10,000枚のテスト画像のうち、MLPは648枚、DeepConvNetは203枚を読み誤ります。",
  ],
  forwardHeading: "MLPの中をのぞく：順方向伝播",
  forwardNote: "3.4節",
  forwardIntro:
    "同じニューラルネットワークが、描いた数字の答えを計算する様子です。セル1つがニューロン1つです。aの行は重み付き和で、青が正、赤が負、その行で最大の|a|を基準に色を付けます。zの行は活性化関数の出力で、0は背景に近い灰色、1は鮮やかな青です。セルを選ぶと値を読めます。",
  forwardEmpty:
    "数字を描くかテスト画像を選ぶと、値が層を流れていく様子が見えます。",
  flatLabel: "1列に並べた入力：784ピクセル",
  inputLabel: "28 × 28の入力",
  sigmoidNote: "活性化関数：各値を0から1の間へ",
  softmaxNote: "合計が1になる10個の確率",
  stripLabel: (name: string, n: number, signed: boolean) =>
    `${name}：${
      signed ? "重み付き和" : "0から1の間の値"
    }${n}個、矢印キーで移動`,
  cellValue: (name: string, index: number, value: string) =>
    `${name}[${index}] = ${value}`,
  readoutHint: "セルを選ぶ（タップ、クリック、矢印キー）と値が表示されます。",
  valuesTable: "すべての値を表で見る",
  neuronColumn: "ニューロン",
  legendUnit: "z, y: 0 → 1",
  legendSigned: "a: 負 · 0 · 正",
  batchLabel: "N枚のバッチ：",
  batchShapesNote:
    "行がN個になるだけで、同じ行列の積です。本書ではN = 100でテストデータを読み取ります。",
  neuronHeading: (index: number) => `中間層1のニューロン${index}番`,
  neuronIntro:
    "このニューロンの784個の重み、つまりW1[:, j]の列を、掛け合わされる28 × 28の絵の形に並べたものです。青いピクセルは和を大きくし、赤いピクセルは小さくします。これがこのニューロンの探している形です。",
  neuronWeights: "探している形：W1[:, j]",
  neuronContribution: "入力の寄与：ピクセルごとのx · W1[:, j]",
  neuronSum: (sum: string, bias: string, total: string) =>
    `Σ x·W1[:, j] = ${sum}、バイアスb1[j] = ${bias}を足すとa1[j] = ${total}`,
  neuronLoading: "ニューロンの重みを読み込み中…",
  neuronClose: "閉じる",
  neuronPick: "a1かz1のセルを選ぶと、そのニューロンが探している形が見えます。",
  labHeading: "前処理ラボ",
  labIntro:
    "MNISTの数字は、文字の部分だけを切り出して20 × 20の枠に収まるように縮小し、28 × 28の中で重心が中央に来るように置いたものです。ニューラルネットワークはこうして作られた数字しか見ていません。処理をオフにしたり、絵を動かす・回す・太くしたりして、答えがどう変わるか見てみましょう。",
  labCrop: "文字の部分だけを切り出し20 × 20に合わせる",
  labCentre: "重心を中央に",
  labShiftX: "右へ移動（ピクセル）",
  labShiftY: "下へ移動（ピクセル）",
  labRotation: "回転（度）",
  labWidth: "ペンの太さ（キャンバスの%）",
  labReset: "初期値に戻す",
  labResult: (model: string) => `この入力に対する${model}の判断`,
};
