/**
 * Korean particles that depend on the word before them: 은/는, 이/가, 을/를,
 * 과/와 and (으)로 follow whether the word ends in a consonant (받침). Numbers
 * are read the Sino-Korean way: 100 is 백, so "100으로"; 3 is 삼, "3으로".
 *
 * @module
 */

/** A particle pair: the form after a final consonant, then after a vowel. */
export type Particle = "은/는" | "이/가" | "을/를" | "과/와" | "으로/로";

/** The final consonant of each digit's Sino-Korean reading (영, 일, 이 … 구). */
const DIGIT_FINALS = ["ㅇ", "ㄹ", "", "ㅁ", "", "", "ㄱ", "ㄹ", "ㄹ", ""];

/** The final consonant of 십, 백, 천 and the groups of four zeros: 만, 억, 조. */
const UNIT_FINALS = ["ㅂ", "ㄱ", "ㄴ"];
const GROUP_FINALS = ["ㄴ", "ㄱ", ""];

/** The final consonants of the Hangul syllable block, in Unicode order. */
const FINALS = [
  "",
  "ㄱ",
  "ㄲ",
  "ㄳ",
  "ㄴ",
  "ㄵ",
  "ㄶ",
  "ㄷ",
  "ㄹ",
  "ㄺ",
  "ㄻ",
  "ㄼ",
  "ㄽ",
  "ㄾ",
  "ㄿ",
  "ㅀ",
  "ㅁ",
  "ㅂ",
  "ㅄ",
  "ㅅ",
  "ㅆ",
  "ㅇ",
  "ㅈ",
  "ㅊ",
  "ㅋ",
  "ㅌ",
  "ㅍ",
  "ㅎ",
];

/** How a number written in digits is read aloud: its final consonant. */
function numberFinal(text: string): string {
  const plain = text.replace(/,/g, "");
  if (/\.\d*$/.test(plain)) {
    // a decimal: its last digit is read alone (93.52 → 구십삼 점 오이)
    return DIGIT_FINALS[Number(plain[plain.length - 1])];
  }
  const zeros = plain.length - plain.replace(/0+$/, "").length;
  if (zeros === 0 || /^0+$/.test(plain)) {
    return DIGIT_FINALS[Number(plain[plain.length - 1])];
  }
  if (zeros % 4 === 0) return GROUP_FINALS[Math.min(2, zeros / 4 - 1)];
  return UNIT_FINALS[zeros % 4 - 1];
}

/**
 * A Latin name as Koreans read it: an acronym by its letters' names (MLP is
 * 엠엘피, ending in a vowel; ONNX, 엑스), a word by its sound (DeepConvNet,
 * …넷): a closing b, c, d, g, k, l, m, n, p or t is a consonant.
 */
function latinFinal(text: string): string {
  const word = text.match(/[A-Za-z]+$/)![0];
  const last = word[word.length - 1];
  if (word.length > 1 && word === word.toUpperCase()) {
    return { L: "ㄹ", M: "ㅁ", N: "ㄴ", R: "ㄹ" }[last] ?? "";
  }
  if (/[lL]/.test(last)) return "ㄹ";
  return /[bcdgkmnpt]/i.test(last) ? "ㅅ" : "";
}

/** The final consonant of a word as it is read, "" after a vowel. */
export function finalConsonant(word: string): string {
  const text = word.trim();
  const last = text[text.length - 1] ?? "";
  if (/\d/.test(last)) return numberFinal(text.match(/[\d.,]+$/)![0]);
  if (last === "%") return ""; // 퍼센트
  const code = last.charCodeAt(0) - 0xac00;
  if (code >= 0 && code < 11172) return FINALS[code % 28];
  if (/[A-Za-z]/.test(last)) return latinFinal(text);
  return "";
}

/**
 * `word` followed by the right form of a particle: `josa("100", "으로/로")`
 * is "100으로", `josa("MLP", "은/는")` is "MLP는".
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { josa } from "./korean.ts";
 *
 * assertEquals(josa("100", "으로/로"), "100으로");
 * assertEquals(josa("7", "으로/로"), "7로");
 * assertEquals(josa("신경망", "이/가"), "신경망이");
 * ```
 */
export function josa(word: string, particle: Particle): string {
  return word + particleAfter(word, particle);
}

/**
 * The form of a particle that follows `word`, alone: for a word with a note in
 * brackets after it, the particle goes after the brackets but follows the
 * word, `1(57.3%)과`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { particleAfter } from "./korean.ts";
 *
 * assertEquals(`1(57.3%)${particleAfter("1", "과/와")}`, "1(57.3%)과");
 * assertEquals(`2(31.7%)${particleAfter("2", "과/와")}`, "2(31.7%)와");
 * ```
 */
export function particleAfter(word: string, particle: Particle): string {
  const [after, plain] = particle.split("/");
  const final = finalConsonant(word);
  const consonant = particle === "으로/로"
    ? final !== "" && final !== "ㄹ"
    : final !== "";
  return consonant ? after : plain;
}
