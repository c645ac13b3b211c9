import { assertEquals, assertThrows } from "@std/assert";
import {
  answerOf,
  doubt,
  inkAspect,
  margin,
  MAX_ASPECT,
  MIN_EXTENT,
  MIN_MARGINS,
} from "../../../lib/reading/doubt.ts";

/** Ten probabilities with `p` on `digit` and the rest spread evenly. */
function sure(digit: number, p = 0.97): number[] {
  return Array.from({ length: 10 }, (_, d) => d === digit ? p : (1 - p) / 9);
}

/** Two answers `gap` apart: `first` above `second`, nothing else. */
function torn(first: number, second: number, gap: number): number[] {
  const out = new Array(10).fill(0);
  out[first] = (1 + gap) / 2;
  out[second] = (1 - gap) / 2;
  return out;
}

/** A 28×28 input with a filled box from (left, top) of width × height. */
function box(left: number, top: number, width: number, height: number) {
  const pixels = new Float32Array(784);
  for (let y = top; y < top + height; y++) {
    for (let x = left; x < left + width; x++) pixels[y * 28 + x] = 1;
  }
  return pixels;
}

const DIGIT = box(12, 4, 4, 20); // a 1: narrow and tall
const BAR = box(4, 13, 20, 3); // a horizontal line

Deno.test("margin() is the gap between the two best answers", () => {
  const cases: [number[], number][] = [
    [sure(3, 0.91), 0.9],
    [torn(4, 9, 0.1), 0.1],
    [[0.5, 0.5], 0],
    [[0.2, 0.1, 0.7], 0.5],
  ];
  for (const [probabilities, gap] of cases) {
    assertEquals(Number(margin(probabilities).toFixed(6)), gap);
  }
  assertThrows(() => margin([1]), TypeError, "two or more");
});

Deno.test("answerOf() is the index of the highest probability", () => {
  assertEquals(answerOf(sure(7)), 7);
  assertEquals(answerOf(torn(2, 8, 0.01)), 2);
});

Deno.test("inkAspect() is the ink box's width over its height", () => {
  assertEquals(inkAspect(DIGIT), 4 / 20);
  assertEquals(inkAspect(BAR), 20 / 3);
  assertEquals(inkAspect(new Float32Array(784)), 1);
  // faint pixels are not ink
  const smudged = box(12, 4, 4, 20);
  for (let x = 2; x < 26; x++) smudged[2 * 28 + x] = 0.2;
  assertEquals(inkAspect(smudged), 4 / 20);
  assertThrows(() => inkAspect(new Float32Array(10)), TypeError, "784 pixels");
});

Deno.test("doubt() trusts a clear digit that both networks read alike", () => {
  const verdict = doubt({
    readings: { mlp: sure(1), "deep-cnn": sure(1, 0.99) },
    pixels: DIGIT,
    extent: 0.7,
  });
  assertEquals(verdict, { unsure: false, reasons: [] });
});

Deno.test("doubt() names every reason it finds, most telling first", () => {
  const cases: [Parameters<typeof doubt>[0], string[]][] = [
    // a dot: too little ink on the canvas
    [{ readings: { mlp: sure(8) }, pixels: DIGIT, extent: MIN_EXTENT - 0.01 }, [
      "little-ink",
    ]],
    [{ readings: { mlp: sure(8) }, pixels: DIGIT, extent: MIN_EXTENT }, []],
    // a line: read as 4 at 97%, still unsure
    [{ readings: { mlp: sure(4) }, pixels: BAR }, ["too-wide"]],
    // the networks disagree, each sure of itself
    [{ readings: { mlp: sure(8), "deep-cnn": sure(2) }, pixels: DIGIT }, [
      "disagree",
    ]],
    // a close call for the MLP
    [{
      readings: { mlp: torn(4, 9, MIN_MARGINS.mlp - 0.01) },
      pixels: DIGIT,
    }, ["close-call"]],
    [{
      readings: { mlp: torn(4, 9, MIN_MARGINS.mlp + 0.01) },
      pixels: DIGIT,
    }, []],
    // the DeepConvNet's bar is its own
    [{
      readings: { "deep-cnn": torn(4, 9, MIN_MARGINS["deep-cnn"] - 0.01) },
      pixels: DIGIT,
    }, ["close-call"]],
    [{ readings: { other: torn(4, 9, 0.29) }, pixels: DIGIT }, ["close-call"]],
    // all at once, in order
    [{
      readings: { mlp: torn(4, 9, 0.05), "deep-cnn": sure(2) },
      pixels: BAR,
      extent: 0.1,
    }, ["little-ink", "too-wide", "disagree", "close-call"]],
  ];
  for (const [input, reasons] of cases) {
    assertEquals(doubt(input), { unsure: reasons.length > 0, reasons });
  }
});

Deno.test("doubt() lets pass a box exactly as wide as MAX_ASPECT allows", () => {
  const wide = box(2, 10, 24, 15); // 24 / 15 = 1.6
  assertEquals(24 / 15, MAX_ASPECT);
  assertEquals(
    doubt({ readings: { mlp: sure(2) }, pixels: wide }).unsure,
    false,
  );
});

Deno.test("doubt() refuses a call without readings or with the wrong pixels", () => {
  assertThrows(
    () => doubt({ readings: {}, pixels: DIGIT }),
    TypeError,
    "no network's answer",
  );
  assertThrows(
    () => doubt({ readings: { mlp: sure(1) }, pixels: [1, 2] }),
    TypeError,
    "784 pixels",
  );
});
