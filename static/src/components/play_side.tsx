/**
 * Beside the pad: the ten probabilities with the input the network saw
 * (PlayAnswer, right under the pad on a phone), and why the page is not
 * sure, the model switch and both models' answers (PlaySide).
 *
 * @module
 */

import type { Doubt } from "../../../lib/reading/mod.ts";
import type { ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";
import { CompareRow } from "./compare_row.tsx";
import { InputView } from "./input_view.tsx";
import { memo } from "./memo.ts";
import { ModelSwitch as Switch } from "./model_switch.tsx";
import { ProbabilityBars } from "./probability_bars.tsx";
import { Reasons } from "./reasons.tsx";
import type { Prediction } from "./use_prediction.ts";

/** The switch, rendered again only when its props change. */
const ModelSwitch = memo(Switch);

/** Props of {@linkcode PlaySide}. */
export interface PlaySideProps {
  texts: Texts;
  /** The model whose answer the page shows large. */
  model: ModelName;
  onModel(model: ModelName): void;
  prediction: Prediction;
  doubt: Doubt | null;
  /** Whether the answer's panels stay, empty, when there is no answer (after Clear). */
  kept?: boolean;
}

/** Why the page is not sure, the switch and both models' answers. */
export function PlaySide(props: PlaySideProps) {
  const { texts, model, prediction, doubt } = props;
  const { answers } = prediction;
  return (
    <div class="play-side">
      {doubt?.unsure && answers && (
        <Reasons texts={texts} model={model} answers={answers} doubt={doubt} />
      )}
      <ModelSwitch texts={texts} model={model} onChoose={props.onModel} />
      {prediction.error && (
        <p class="error" role="alert">{texts.error(prediction.error)}</p>
      )}
      {(answers || props.kept) && (
        <CompareRow texts={texts} answers={answers} model={model} />
      )}
    </div>
  );
}

/** Props of {@linkcode PlayAnswer}. */
export type PlayAnswerProps = Pick<
  PlaySideProps,
  "texts" | "model" | "prediction" | "kept"
>;

/**
 * The shown model's ten probabilities and the input the network saw; with
 * `kept`, empty bars and a black input when there is no answer.
 */
export function PlayAnswer(
  { texts, model, prediction, kept }: PlayAnswerProps,
) {
  const { answers, input } = prediction;
  const answer = answers?.[model] ?? null;
  const shown = answer && input;
  if (!shown && !kept) return null;
  return (
    <div class="play-answer">
      <div class="play-bars">
        <h3>{texts.probabilitiesHeading}</h3>
        <ProbabilityBars
          texts={texts}
          probabilities={shown ? answer.probabilities : null}
          digit={shown ? answer.digit : null}
        />
        <p class="bars-note">{texts.probabilitiesNote}</p>
      </div>
      <InputView texts={texts} pixels={shown ? input : null} />
    </div>
  );
}
