import { assertEquals, assertStrictEquals } from "@std/assert";
import {
  EMPTY,
  type PredictionEvent,
  type PredictionState,
  reduce,
} from "../../../../static/src/components/prediction_state.ts";
import type { BothAnswers } from "../../../../static/src/predictions.ts";

const input = new Float32Array(784).fill(0.5);

function answer(digit: number) {
  const probabilities = Array.from(
    { length: 10 },
    (_, d) => d === digit ? 1 : 0,
  );
  return { digit, probabilities };
}

function both(digit: number, layers = true): BothAnswers {
  return {
    answers: { mlp: answer(digit), "deep-cnn": answer(digit) },
    activations: layers ? { a1: [0.1], z1: [0.5] } : null,
  };
}

function answered(
  n: number,
  digit: number,
  final: boolean,
  found = both(digit),
): PredictionEvent {
  return {
    type: "answered",
    n,
    final,
    input,
    source: { kind: "drawing" },
    found,
    timing: { where: "device", ms: 1 },
  };
}

function early(n: number, digit: number, final: boolean): PredictionEvent {
  return {
    type: "early",
    n,
    final,
    input,
    found: { model: "mlp", answer: answer(digit), activations: { a1: [0.9] } },
  };
}

function run(...events: PredictionEvent[]): PredictionState {
  return events.reduce(reduce, EMPTY);
}

Deno.test("reduce() shows both answers and the MLP's forward pass", () => {
  const state = run({ type: "sent", input }, answered(1, 7, false));
  assertEquals(state.answers?.mlp?.digit, 7);
  assertEquals(state.busy, false);
  assertEquals(state.partial, false);
  assertEquals(state.forward?.activations, { a1: [0.1], z1: [0.5] });
  assertEquals(state.forward?.probabilities, answer(7).probabilities);
  assertEquals(state.timing, { where: "device", ms: 1 });
});

Deno.test("reduce() has no forward pass for answers without the MLP's layers", () => {
  const state = run(answered(1, 7, false, both(7, false)));
  assertEquals(state.forward, null);
});

Deno.test("reduce() drops an early answer while nothing is shown", () => {
  const state = run({ type: "cleared" });
  assertStrictEquals(reduce(state, early(1, 3, true)), state);
});

Deno.test("reduce() puts the shown model's early answer beside the other's previous one", () => {
  const state = run(answered(1, 7, false), early(2, 3, false));
  assertEquals(state.partial, true);
  assertEquals(state.answers?.mlp?.digit, 3);
  assertEquals(state.answers?.["deep-cnn"]?.digit, 7);
  assertEquals(state.activations, { a1: [0.9] });
  // while the pen moves the strips follow the MLP's answer
  assertEquals(state.forward?.activations, { a1: [0.9] });
  assertEquals(state.forward?.moving, true);
  // a finished stroke's strips wait for both answers
  const final = run(answered(1, 7, false), early(2, 3, true));
  assertEquals(final.forward?.activations, { a1: [0.1], z1: [0.5] });
});

Deno.test("reduce() counts a finished stroke's answer once, early or not", () => {
  assertEquals(run(answered(1, 7, false)).strokesShown, 0);
  assertEquals(run(answered(1, 7, true)).strokesShown, 1);
  const both = run(
    answered(1, 7, true),
    early(2, 1, true),
    answered(2, 1, true),
  );
  assertEquals(both.strokesShown, 2);
  assertEquals(both.partial, false);
});

Deno.test("reduce() keeps the answers on a failure and the timing on a clear", () => {
  const failed = run(answered(1, 7, true), {
    type: "failed",
    message: "no",
  });
  assertEquals([failed.error, failed.answers?.mlp?.digit], ["no", 7]);
  const cleared = reduce(failed, { type: "cleared" });
  assertEquals(cleared, {
    ...EMPTY,
    timing: failed.timing,
    strokesShown: 1,
    countedFor: 1,
  });
});

Deno.test("reduce() is busy while a drawing travels or a test image loads", () => {
  assertEquals(run({ type: "sent", input }).busy, true);
  assertEquals(run({ type: "sent", input }).source, { kind: "drawing" });
  assertEquals(run({ type: "choosing" }).busy, true);
});

Deno.test("reduce() shows one model's answer alone when the other could not be asked (offline)", () => {
  const mlpOnly: BothAnswers = {
    answers: { mlp: answer(7) },
    activations: { a1: [0.1] },
  };
  const state = run(answered(1, 7, true, mlpOnly));
  assertEquals(state.answers, { mlp: answer(7) });
  assertEquals(state.strokesShown, 1);
  assertEquals(state.forward?.probabilities, answer(7).probabilities);
  const deepOnly: BothAnswers = {
    answers: { "deep-cnn": answer(3) },
    activations: null,
  };
  assertEquals(run(answered(1, 3, true, deepOnly)).forward, null);
});
