import { assertEquals, assertMatch } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import type { Answer } from "../../../../lib/infer/mod.ts";
import {
  closeCalls,
  neededGap,
  Reasons,
} from "../../../../static/src/components/reasons.tsx";
import { TEXTS } from "../../../../static/src/texts/mod.ts";

/** An answer whose probabilities are `top` (digit → probability), the rest shared out. */
function answer(top: Record<number, number>): Answer {
  const given = Object.values(top).reduce((a, b) => a + b, 0);
  const rest = (1 - given) / (10 - Object.keys(top).length);
  const probabilities = Array.from(
    { length: 10 },
    (_, digit) => top[digit] ?? rest,
  );
  const digit = probabilities.indexOf(Math.max(...probabilities));
  return { digit, probabilities } as Answer;
}

Deno.test("neededGap() is doubt.ts's bar of each model", () => {
  assertEquals(neededGap("mlp"), 0.3);
  assertEquals(neededGap("deep-cnn"), 0.5);
  assertEquals(neededGap("someday"), 0.3);
});

Deno.test("the reasons quote the torn model by name, not the one the bars show", () => {
  // the case: the MLP sure (72.2%), the DeepConvNet torn (57.3% / 16.7%)
  const answers = {
    mlp: answer({ 1: 0.722, 7: 0.1 }),
    "deep-cnn": answer({ 1: 0.573, 7: 0.167 }),
  };
  const lines = closeCalls(TEXTS.en, "mlp", answers);
  assertEquals(lines, [
    "The DeepConvNet's top two answers, 1 (57.3%) and 7 (16.7%), are 40.6 points apart: less than the 50 it needs for a clear reading.",
  ]);
  const html = renderToString(
    <Reasons
      texts={TEXTS.ko}
      model="mlp"
      answers={answers}
      doubt={{ unsure: true, reasons: ["close-call"] }}
    />,
  );
  assertMatch(
    html,
    /data-reason="close-call">DeepConvNet의 가장 높은 두 답 1\(57\.3%\)과 7\(16\.7%\)의 차이가 40\.6%p로, 확실한 판단에 필요한 50%p보다 작습니다\./,
  );
});

Deno.test("both models torn: one sentence each, the shown model first", () => {
  const answers = {
    mlp: answer({ 7: 0.52, 1: 0.4 }),
    "deep-cnn": answer({ 1: 0.6, 7: 0.3 }),
  };
  const lines = closeCalls(TEXTS.ja, "deep-cnn", answers);
  assertEquals(lines.length, 2);
  assertMatch(
    lines[0],
    /^DeepConvNetの上位2つの答え、1（60\.0%）と7（30\.0%）/,
  );
  assertMatch(
    lines[1],
    /^MLPの上位2つの答え、7（52\.0%）と1（40\.0%）の差は12\.0ポイント/,
  );
  // a clear reading says nothing
  assertEquals(
    closeCalls(TEXTS.en, "mlp", { mlp: answer({ 3: 0.9 }) }),
    [],
  );
});
