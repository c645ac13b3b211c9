import { assertEquals } from "@std/assert";
import {
  formatValue,
  stepTo,
} from "../../../../static/src/components/heat_strip.tsx";

const strip = { length: 100, perRow: 50 };

Deno.test("stepTo() moves along a row and between rows, and stays in the strip", () => {
  const cases: [string, number, number | undefined][] = [
    ["ArrowRight", -1, 0], // nothing chosen yet: the first cell
    ["ArrowRight", 3, 4],
    ["ArrowLeft", 0, 0],
    ["ArrowDown", 3, 53],
    ["ArrowDown", 60, 99],
    ["ArrowUp", 60, 10],
    ["ArrowUp", 10, 0],
    ["Home", 42, 0],
    ["End", 0, 99],
    ["Enter", 42, undefined],
  ];
  for (const [key, now, next] of cases) {
    assertEquals(stepTo(key, now, strip), next, `${key} from ${now}`);
  }
});

Deno.test("formatValue() prints at most four decimals", () => {
  assertEquals(formatValue(0.123456), "0.1235");
  assertEquals(formatValue(-2), "-2");
});
