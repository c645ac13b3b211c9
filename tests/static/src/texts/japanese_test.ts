/**
 * The Japanese texts (static/src/texts/ja/): the Japanese edition's terms,
 * full-width punctuation beside Japanese words, and every digit phrased as
 * Japanese puts it.
 *
 * @module
 */

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { TEXTS } from "../../../../static/src/texts/mod.ts";
import { stringsOf } from "./_strings.ts";

const ja = TEXTS.ja;
const strings = stringsOf("ja");
const everything = strings.join("\n");

/** Kana and kanji. */
const JAPANESE = "[\\u3040-\\u30ff\\u4e00-\\u9fff]";

Deno.test("the Japanese texts use the Japanese edition's terms", () => {
  for (
    const term of [
      "ニューラルネットワーク",
      "活性化関数",
      "シグモイド関数",
      "ソフトマックス関数",
      "バッチ処理",
      "認識精度",
      "推論処理",
      "順方向伝播",
      "中間層",
      "重み付き和",
      "前処理",
      "テストデータ",
    ]
  ) {
    assertStringIncludes(everything, term);
  }
});

Deno.test("Japanese words take full-width brackets and colons, and no spaces between them", () => {
  const halfWidth = new RegExp(
    `${JAPANESE}[():]|[(]${JAPANESE}|${JAPANESE} ${JAPANESE}`,
  );
  for (const text of strings) {
    assert(!halfWidth.test(text), `half-width beside Japanese: ${text}`);
  }
});

Deno.test("the Japanese texts hold no Hangul but the Korean edition's title", () => {
  const hangul = /[\uac00-\ud7a3]/;
  const holding = strings.filter((text) => hangul.test(text));
  assertEquals(holding, [ja.links.bookKorean]);
});

Deno.test("the Japanese texts phrase every digit", () => {
  for (let digit = 0; digit <= 9; digit++) {
    const other = (digit + 3) % 10;
    assertEquals(ja.unsureGuess(digit), `${digit}でしょうか？`);
    assertEquals(
      ja.savedAs(digit),
      `${digit}として保存しました。ありがとうございます！`,
    );
    assertEquals(
      ja.filterHeading(digit, other, 3),
      `${digit}を${other}と読み取ったテスト画像3枚`,
    );
    assertEquals(
      ja.filterHeading(digit, digit, 1000),
      `${digit}を正しく読み取ったテスト画像1,000枚`,
    );
    assertEquals(
      ja.announce("MLP", digit, 0.912),
      `MLPは${digit}と読み取りました。ソフトマックス関数の出力は91.2%です。`,
    );
    assertStringIncludes(
      ja.reasonCloseCall(
        "MLP",
        { digit, probability: 0.5 },
        { digit: other, probability: 0.4 },
        0.3,
      ),
      `${digit}（50.0%）と${other}（40.0%）の差は10.0ポイント`,
    );
  }
});
