import { assertEquals, assertStringIncludes } from "@std/assert";
import {
  finalConsonant,
  josa,
  particleAfter,
} from "../../../../static/src/texts/korean.ts";
import { TEXTS } from "../../../../static/src/texts/mod.ts";

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

/**
 * Each digit's Sino-Korean reading and the particles that follow it: a final
 * consonant (영, 일, 삼, 육, 칠, 팔) takes 은, 이, 을, 과; a vowel (이, 사, 오, 구)
 * takes 는, 가, 를, 와; (으)로 is 로 after a vowel or ㄹ (일, 칠, 팔).
 */
const READINGS: [
  digit: number,
  reading: string,
  particles: Record<Parameters<typeof josa>[1], string>,
][] = [
  [0, "영", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "으로",
  }],
  [1, "일", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "로",
  }],
  [2, "이", {
    "은/는": "는",
    "이/가": "가",
    "을/를": "를",
    "과/와": "와",
    "으로/로": "로",
  }],
  [3, "삼", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "으로",
  }],
  [4, "사", {
    "은/는": "는",
    "이/가": "가",
    "을/를": "를",
    "과/와": "와",
    "으로/로": "로",
  }],
  [5, "오", {
    "은/는": "는",
    "이/가": "가",
    "을/를": "를",
    "과/와": "와",
    "으로/로": "로",
  }],
  [6, "육", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "으로",
  }],
  [7, "칠", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "로",
  }],
  [8, "팔", {
    "은/는": "은",
    "이/가": "이",
    "을/를": "을",
    "과/와": "과",
    "으로/로": "로",
  }],
  [9, "구", {
    "은/는": "는",
    "이/가": "가",
    "을/를": "를",
    "과/와": "와",
    "으로/로": "로",
  }],
];

Deno.test("josa() and particleAfter() follow every digit's reading, for every particle", () => {
  for (const [digit, reading, particles] of READINGS) {
    for (const [pair, form] of Object.entries(particles)) {
      const particle = pair as Parameters<typeof josa>[1];
      assertEquals(particleAfter(String(digit), particle), form, reading);
      assertEquals(josa(String(digit), particle), `${digit}${form}`, reading);
    }
  }
});

Deno.test("the Korean texts choose the particle after every digit by its reading", () => {
  const ko = TEXTS.ko;
  for (const [digit, reading, p] of READINGS) {
    const other = (digit + 1) % 10;
    const close = ko.reasonCloseCall(
      "MLP",
      { digit, probability: 0.5 },
      { digit: other, probability: 0.4 },
      0.3,
    );
    assertStringIncludes(close, `${digit}(50.0%)${p["과/와"]} ${other}(40.0%)`);
    assertEquals(
      ko.savedAs(digit),
      `${digit}${p["으로/로"]} 저장했습니다. 고맙습니다!`,
    );
    assertEquals(
      ko.readersEmptyLabel(digit),
      `아직 ${digit}${p["을/를"]} 그린 그림이 없습니다.`,
    );
    assertStringIncludes(
      ko.announce("MLP", digit, 0.9),
      `MLP는 ${digit}${p["으로/로"]} 읽었습니다.`,
      reading,
    );
    assertStringIncludes(
      ko.filterHeading(digit, other, 3),
      `${digit}${p["을/를"]} ${other}`,
    );
  }
});
