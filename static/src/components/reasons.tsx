/**
 * Why the page is not sure, one line a reason, each naming the model it
 * speaks of: the bars show one model while the doubt may come from the
 * other, and a gap is only called too small against that model's own bar
 * (lib/reading/doubt.ts's MIN_MARGINS).
 *
 * @module
 */

import {
  DEFAULT_MIN_MARGIN,
  type Doubt,
  type DoubtReason,
  margin,
  MIN_MARGINS,
} from "../../../lib/reading/mod.ts";
import type { Answer, ModelName } from "../api.ts";
import type { Guess, Texts } from "../texts/mod.ts";

/** The least gap a model's two best answers need for a clear reading. */
export function neededGap(model: string): number {
  return Object.hasOwn(MIN_MARGINS, model)
    ? MIN_MARGINS[model]
    : DEFAULT_MIN_MARGIN;
}

/** The two highest answers of ten probabilities. */
function topTwo(probabilities: ArrayLike<number>): [Guess, Guess] {
  const order = Array.from(probabilities, (p, digit) => ({
    digit,
    probability: p,
  })).sort((a, b) => b.probability - a.probability);
  return [order[0], order[1]];
}

/**
 * One sentence for each model whose two best answers are nearer than it
 * needs, the shown model first.
 */
export function closeCalls(
  texts: Texts,
  model: ModelName,
  answers: Partial<Record<ModelName, Answer>>,
): string[] {
  const names = [model, ...Object.keys(answers) as ModelName[]]
    .filter((name, i, all) => all.indexOf(name) === i && answers[name]);
  return names.flatMap((name) => {
    const { probabilities } = answers[name]!;
    const needed = neededGap(name);
    if (margin(probabilities) >= needed) return [];
    const [first, second] = topTwo(probabilities);
    return [
      texts.reasonCloseCall(texts.models[name].name, first, second, needed),
    ];
  });
}

/** One sentence per reason for doubt. */
function reasonText(
  texts: Texts,
  reason: DoubtReason,
  model: ModelName,
  answers: Partial<Record<ModelName, Answer>>,
): string {
  switch (reason) {
    case "little-ink":
      return texts.reasonLittleInk;
    case "too-wide":
      return texts.reasonTooWide;
    case "disagree": {
      const [a, b] = (Object.keys(answers) as ModelName[]).map((name) =>
        `${texts.models[name].name} ${answers[name]!.digit}`
      );
      return texts.reasonDisagree(a, b);
    }
    case "close-call":
      return closeCalls(texts, model, answers).join(" ");
  }
}

/** Props of {@linkcode Reasons}. */
export interface ReasonsProps {
  texts: Texts;
  model: ModelName;
  answers: Partial<Record<ModelName, Answer>>;
  doubt: Doubt;
}

/** Why the page is not sure, one line a reason. */
export function Reasons({ texts, model, answers, doubt }: ReasonsProps) {
  return (
    <ul class="reasons" data-testid="reasons">
      {doubt.reasons.map((reason) => (
        <li key={reason} data-reason={reason}>
          {reasonText(texts, reason, model, answers)}
        </li>
      ))}
    </ul>
  );
}
