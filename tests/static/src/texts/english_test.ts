import { assertEquals } from "@std/assert";
import { article, withArticle } from "../../../../static/src/texts/english.ts";
import { TEXTS } from "../../../../static/src/texts/mod.ts";

/** Each digit as it is read aloud, and its article. */
const DIGITS: [digit: number, reading: string, article: "a" | "an"][] = [
  [0, "zero", "a"],
  [1, "one", "a"],
  [2, "two", "a"],
  [3, "three", "a"],
  [4, "four", "a"],
  [5, "five", "a"],
  [6, "six", "a"],
  [7, "seven", "a"],
  [8, "eight", "an"],
  [9, "nine", "a"],
];

Deno.test("article() gives every digit the article of its reading", () => {
  for (const [digit, reading, expected] of DIGITS) {
    assertEquals(article(digit), expected, `${digit} (${reading})`);
  }
});

Deno.test("article() reads larger numbers too: an 11, an 18, an 80, a 100", () => {
  const cases: [number, "a" | "an"][] = [
    [10, "a"],
    [11, "an"], // eleven
    [18, "an"], // eighteen
    [17, "a"],
    [80, "an"],
    [88, "an"],
    [100, "a"],
    [110, "a"], // one hundred and ten
    [800, "an"],
    [1000, "a"],
    [11000, "an"], // eleven thousand
    [18500, "an"],
    [110000, "a"], // one hundred and ten thousand
    [8000000, "an"],
  ];
  for (const [value, expected] of cases) {
    assertEquals(article(value), expected, String(value));
  }
  assertEquals(withArticle(8), "an 8");
});

Deno.test("the English texts put the right article before every digit", () => {
  const en = TEXTS.en;
  for (const [digit, reading, a] of DIGITS) {
    assertEquals(en.unsureGuess(digit), `perhaps ${a} ${digit}?`, reading);
    assertEquals(
      en.savedAs(digit),
      `Stored as ${a} ${digit}. Thank you!`,
      reading,
    );
  }
});
