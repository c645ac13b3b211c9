/**
 * Whether the page is sure of what it shows (lib/reading/doubt.ts), judged
 * on both models' answers to the same input: while only the shown model has
 * answered the newest input, the last judgement stays.
 *
 * @module
 */

import { useMemo, useRef } from "preact/hooks";
import { type Doubt, doubt } from "../../../lib/reading/mod.ts";
import type { PredictionState } from "./prediction_state.ts";

/**
 * The doubt about the shown input, or null when nothing is shown; `extent`
 * gives the longer side of a drawing's ink as a share of the pad.
 */
export function useDoubt(
  prediction: PredictionState,
  extent: () => number | undefined,
): Doubt | null {
  const judged = useRef<Doubt | null>(null);
  const { answers, input, source, partial } = prediction;
  return useMemo(() => {
    if (partial) return judged.current;
    if (!answers || !input) return judged.current = null;
    const readings = Object.fromEntries(
      Object.entries(answers).map(([name, a]) => [name, a.probabilities]),
    );
    const drawn = source?.kind === "drawing" ? extent() : undefined;
    return judged.current = doubt({ readings, pixels: input, extent: drawn });
  }, [answers, input, source, partial]);
}
