/**
 * Both models' answers for the same input, side by side:
 * "MLP: 7 (99.8%) · DeepConvNet: 7 (99.9%)".
 *
 * @module
 */

import type { ModelName } from "../api.ts";
import { percent, type Texts } from "../texts/mod.ts";
import type { Answers } from "./use_prediction.ts";

/** Props of {@linkcode CompareRow}. */
export interface CompareRowProps {
  texts: Texts;
  answers: Answers | null;
  /** The chosen model, whose entry is marked. */
  model: ModelName;
}

/**
 * One entry per model with "·" between them, or a red "≠" when they
 * disagree (a sign, not a note, so the row keeps its height while drawing).
 */
export function CompareRow({ texts, answers, model }: CompareRowProps) {
  const [mlp, deep] = [answers?.mlp, answers?.["deep-cnn"]];
  const differ = Boolean(mlp && deep && mlp.digit !== deep.digit);
  const entry = (name: ModelName) => {
    const answer = answers?.[name];
    return (
      <span
        class={name === model ? "compare-entry chosen" : "compare-entry"}
        data-testid={`compare-${name}`}
      >
        {`${texts.models[name].name}: `}
        <b>{answer ? String(answer.digit) : "–"}</b>
        {answer ? ` (${percent(answer.probabilities[answer.digit])})` : ""}
      </span>
    );
  };
  // the spaces keep the words apart in the text (flex lays out without them)
  return (
    <p class="compare" data-testid="compare">
      <span class="muted">{texts.compareLabel}</span> {entry("mlp")}{" "}
      <span
        class={differ ? "compare-sep differ" : "compare-sep"}
        aria-hidden="true"
      >
        {differ ? "≠" : "·"}
      </span>{" "}
      {entry("deep-cnn")}
      {differ && <span class="visually-hidden">{texts.disagree}</span>}
    </p>
  );
}
