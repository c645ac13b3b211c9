/**
 * The answer to the drawing or test image: the digit, its softmax output and
 * where it came from, or "not sure" (the reasons are apart, reasons.tsx); a
 * prompt before that.
 * It is not a live region: the page announces each stroke's answer once,
 * through its own announcer.
 *
 * @module
 */

import type { Ref } from "preact";
import type { Doubt } from "../../../lib/reading/mod.ts";
import type { Answer, ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";

/** Where the answered input came from. */
export type Origin =
  | { kind: "drawing" }
  | { kind: "test"; index: number; label: number };

/** Props of {@linkcode Verdict}. */
export interface VerdictProps {
  texts: Texts;
  /** The chosen model. */
  model: ModelName;
  /** Each model's answer, or null before any. */
  answers: Partial<Record<ModelName, Answer>> | null;
  origin: Origin | null;
  doubt: Doubt | null;
  /** Feeds the book's example to the networks. */
  onExample(): void;
  verdictRef?: Ref<HTMLDivElement>;
}

/** The verdict block: one fixed height, so the pad below it never moves. */
export function Verdict(props: VerdictProps) {
  const { texts, model, answers, origin, doubt } = props;
  const answer = answers?.[model] ?? null;
  const unsure = doubt?.unsure ?? false;
  return (
    <div
      class={unsure ? "verdict verdict-unsure" : "verdict"}
      data-testid="verdict"
      tabindex={-1}
      ref={props.verdictRef}
    >
      <output
        class="digit"
        data-testid="prediction"
        aria-describedby="verdict-text"
      >
        {answer ? String(answer.digit) : ""}
      </output>
      {answer
        ? (
          <div class="verdict-text" id="verdict-text">
            <span class="muted">
              {texts.predictionLabel(texts.models[model].name)}
            </span>
            {unsure
              ? (
                <span class="unsure" data-testid="unsure">
                  <strong>{texts.unsure}</strong>{" "}
                  {texts.unsureGuess(answer.digit)}
                </span>
              )
              : (
                <strong class="score" data-testid="score">
                  {texts.score(answer.probabilities[answer.digit])}
                </strong>
              )}
            <span class="muted source" data-testid="source">
              {origin?.kind === "test"
                ? texts.fromTestImage(origin.index, origin.label)
                : texts.fromDrawing}
            </span>
          </div>
        )
        : (
          <div class="verdict-text prompt">
            <p>{texts.prompt}</p>
            <button
              type="button"
              class="link"
              data-testid="try-example"
              onClick={props.onExample}
            >
              {texts.tryExample}
            </button>
          </div>
        )}
    </div>
  );
}
