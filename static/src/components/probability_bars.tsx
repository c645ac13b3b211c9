/**
 * The ten softmax probabilities as a bar chart with their values.
 *
 * @module
 */

import { Bar } from "./bar.tsx";
import { percent, type Texts } from "../texts/mod.ts";

/** Props of {@linkcode ProbabilityBars}. */
export interface ProbabilityBarsProps {
  texts: Texts;
  /** Ten probabilities, or null: empty bars. */
  probabilities: number[] | null;
  /** The answer, whose bar is highlighted. */
  digit: number | null;
  /** The list's test hook; "probabilities" by default. */
  testid?: string;
}

/** One bar per digit, 0 to 9. */
export function ProbabilityBars(
  { texts, probabilities, digit, testid = "probabilities" }:
    ProbabilityBarsProps,
) {
  return (
    <ul
      class="bars"
      data-testid={testid}
      aria-label={texts.probabilitiesHeading}
    >
      {Array.from({ length: 10 }, (_, d) => {
        const p = probabilities?.[d] ?? 0;
        return (
          <li key={d} class={d === digit ? "bar bar-top" : "bar"}>
            <span class="bar-digit">{d}</span>
            <Bar fraction={p} />
            <span class="bar-value">{probabilities ? percent(p) : "–"}</span>
          </li>
        );
      })}
    </ul>
  );
}
