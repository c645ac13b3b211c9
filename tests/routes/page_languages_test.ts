/**
 * Tests of `routes/page.ts`: the page's language, from `?lang=` or
 * Accept-Language, and the chooser that offers the others.
 *
 * @module
 */

import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { buildReport } from "../../lib/evaluate/report.ts";
import { pageRoutes } from "../../routes/page.ts";

const report = buildReport({
  model: "mlp",
  labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 0],
  batchSize: 100,
  seconds: 0.5,
});
const app = pageRoutes({ report: () => Promise.resolve(report) });

async function page(path: string, acceptLanguage?: string) {
  const headers: HeadersInit = acceptLanguage
    ? { "accept-language": acceptLanguage }
    : {};
  const response = await app.request(path, { headers });
  assertEquals(response.status, 200);
  return await response.text();
}

/** The opening tag of the element with a test hook. */
function tagOf(html: string, testid: string): string {
  const [tag = ""] = html.match(
    new RegExp(`<[a-z]+ [^>]*data-testid="${testid}"[^>]*>`),
  ) ?? [];
  return tag;
}

const languageCases: [
  path: string,
  acceptLanguage: string | undefined,
  lang: string,
][] = [
  ["/", undefined, "en"],
  ["/", "en-US,en;q=0.9", "en"],
  ["/", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"],
  ["/", "ko", "ko"],
  ["/", "en-GB,en;q=0.9,ko;q=0.8", "en"],
  ["/", "fr-FR,ko;q=0.5", "ko"],
  ["/", "de-DE,de;q=0.9", "en"],
  ["/?lang=en", "ko-KR,ko;q=0.9", "en"],
  ["/?lang=ko", "en-US", "ko"],
  ["/?lang=xx", "ko-KR", "ko"],
  ["/", "ja-JP,ja;q=0.9,en-US;q=0.8", "ja"],
  ["/", "ja", "ja"],
  ["/", "en-US,ja;q=0.9", "en"],
  ["/", "ko;q=0.8,ja;q=0.9", "ja"],
  ["/?lang=ja", "ko-KR", "ja"],
  ["/?lang=ko", "ja-JP", "ko"],
];

for (const [path, acceptLanguage, lang] of languageCases) {
  Deno.test(`GET ${path} with Accept-Language "${acceptLanguage ?? ""}" is in ${lang}`, async () => {
    const html = await page(path, acceptLanguage);
    assertStringIncludes(html, `<html lang="${lang}">`);
    if (lang === "ko") {
      assertStringIncludes(html, "<title>손글씨 숫자 인식기</title>");
      assertStringIncludes(html, "시험 데이터 정확도");
      assertStringIncludes(html, "책의 예: 시험 이미지 11번");
      assertStringIncludes(html, "MLP 들여다보기: 순전파");
      assertStringIncludes(html, "신경망이 숫자를 읽는 방법");
      assertStringIncludes(html, "배치 크기 100으로");
    } else if (lang === "ja") {
      assertStringIncludes(html, "<title>手書き数字認識</title>");
      assertStringIncludes(html, "テストデータでの認識精度");
      assertStringIncludes(html, "本書の例：テスト画像11番");
      assertStringIncludes(html, "MLPの中をのぞく：順方向伝播");
      assertStringIncludes(html, "バッチサイズ100のバッチ処理");
      for (
        const term of [
          "ニューラルネットワーク",
          "活性化関数",
          "シグモイド関数",
          "ソフトマックス関数",
          "推論処理",
        ]
      ) {
        assertStringIncludes(html, term);
      }
    } else {
      assertStringIncludes(html, "<title>Handwritten digit recogniser</title>");
      assertStringIncludes(html, "Test accuracy");
      assertStringIncludes(html, "Book example: test image #11");
      assertStringIncludes(html, "Inside the MLP: the forward pass");
      assertStringIncludes(html, "How the network reads a digit");
    }
  });
}

Deno.test("GET / offers every language as a link to ?lang=, in its own language", async () => {
  const html = await page("/?lang=ja");
  for (
    const [code, name] of [["ko", "한국어"], ["en", "English"], [
      "ja",
      "日本語",
    ]]
  ) {
    assertMatch(
      tagOf(html, `lang-${code}`),
      new RegExp(
        `^<a href="\\?lang=${code}" hreflang="${code}" lang="${code}"`,
      ),
    );
    assertMatch(
      html,
      new RegExp(`data-testid="lang-${code}"[^>]*>${name}</a>`),
    );
  }
  assertStringIncludes(tagOf(html, "lang-ja"), 'aria-current="true"');
  assertMatch(html, /<nav aria-label="言語">/);
});
