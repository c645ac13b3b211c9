import { assertEquals, assertMatch } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import {
  type Cell,
  ConfusionMatrix,
  gridStep,
} from "../../../../static/src/components/confusion_matrix.tsx";
import { TEXTS } from "../../../../static/src/texts/mod.ts";

Deno.test("gridStep() moves by arrows, Home/End, corners and pages, and stops at the edges", () => {
  const cases: [
    key: string,
    ctrl: boolean,
    from: Cell,
    to: Cell | undefined,
  ][] = [
    ["ArrowRight", false, [2, 3], [2, 4]],
    ["ArrowRight", false, [2, 9], [2, 9]],
    ["ArrowLeft", false, [2, 0], [2, 0]],
    ["ArrowLeft", false, [2, 3], [2, 2]],
    ["ArrowDown", false, [2, 3], [3, 3]],
    ["ArrowDown", false, [9, 3], [9, 3]],
    ["ArrowUp", false, [0, 3], [0, 3]],
    ["ArrowUp", false, [5, 3], [4, 3]],
    ["Home", false, [5, 3], [5, 0]],
    ["End", false, [5, 3], [5, 9]],
    ["Home", true, [5, 3], [0, 0]],
    ["End", true, [5, 3], [9, 9]],
    ["PageUp", false, [5, 3], [0, 3]],
    ["PageDown", false, [5, 3], [9, 3]],
    ["Enter", false, [5, 3], undefined],
    ["Tab", false, [5, 3], undefined],
  ];
  for (const [key, ctrlKey, from, to] of cases) {
    assertEquals(gridStep({ key, ctrlKey }, from, 10), to, `${key} ${from}`);
  }
});

Deno.test("the confusion matrix is one grid with one Tab stop", () => {
  const confusion = Array.from(
    { length: 10 },
    (_, i) =>
      Array.from({ length: 10 }, (_, j) => i === j ? 90 : j === i + 1 ? 3 : 0),
  );
  const html = renderToString(
    <ConfusionMatrix
      texts={TEXTS.en}
      confusion={confusion}
      labelledBy="confusion-heading"
    />,
  );
  assertMatch(
    html,
    /^<div class="table-scroll"><table class="confusion" role="grid"/,
  );
  assertEquals(html.match(/role="gridcell"/g)?.length, 100);
  // the first cell holds the one stop; every other cell is reached by the arrows
  assertEquals(html.match(/tabindex="0"/g)?.length, 1);
  assertEquals(html.match(/tabindex="-1"/g)?.length, 99);
  assertMatch(
    html,
    /data-cell="0,0"[^>]*><button type="button" class="cell" tabindex="0"/,
  );
  // an empty cell is a stop of its own (it has no button)
  assertMatch(
    html,
    /<td role="gridcell" data-cell="0,2" tabindex="-1">0<\/td>/,
  );
});
