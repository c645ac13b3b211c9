import { assertEquals } from "@std/assert";
import { finalConsonant, josa } from "../../../../static/src/texts/korean.ts";

Deno.test("josa() picks (으)로 after numbers as they are read", () => {
  const cases: [string, string][] = [
    ["0", "0으로"], // 영
    ["1", "1로"], // 일: ㄹ takes 로
    ["2", "2로"],
    ["3", "3으로"], // 삼
    ["6", "6으로"], // 육
    ["7", "7로"],
    ["8", "8로"],
    ["9", "9로"],
    ["10", "10으로"], // 십
    ["100", "100으로"], // 백
    ["1,000", "1,000으로"], // 천
    ["10,000", "10,000으로"], // 만
    ["20", "20으로"],
    ["101", "101로"],
    ["93.52", "93.52로"], // … 오이
    ["0.5", "0.5로"],
    ["91.2%", "91.2%로"], // 퍼센트
  ];
  for (const [word, expected] of cases) {
    assertEquals(josa(word, "으로/로"), expected, word);
  }
});

Deno.test("josa() picks 은/는, 이/가, 을/를, 과/와 after words and numbers", () => {
  const cases: [string, Parameters<typeof josa>[1], string][] = [
    ["신경망", "이/가", "신경망이"],
    ["모델", "은/는", "모델은"],
    ["소프트맥스 함수", "을/를", "소프트맥스 함수를"],
    ["정답", "과/와", "정답과"],
    ["판단", "과/와", "판단과"],
    ["가중치", "은/는", "가중치는"],
    ["648", "을/를", "648을"], // 팔
    ["203", "을/를", "203을"], // 삼
    ["2", "이/가", "2가"],
    ["MLP", "은/는", "MLP는"],
    ["DeepConvNet", "은/는", "DeepConvNet은"],
    ["ONNX", "으로/로", "ONNX로"],
    ["model", "으로/로", "model로"],
    ["파일", "으로/로", "파일로"],
    ["그림", "으로/로", "그림으로"],
  ];
  for (const [word, particle, expected] of cases) {
    assertEquals(josa(word, particle), expected, word);
  }
});

Deno.test("finalConsonant() reads Hangul, digits and units", () => {
  assertEquals(finalConsonant("강"), "ㅇ");
  assertEquals(finalConsonant("가"), "");
  assertEquals(finalConsonant("100"), "ㄱ");
  assertEquals(finalConsonant("1000"), "ㄴ");
  assertEquals(finalConsonant("100000000"), "ㄱ"); // 억
});
