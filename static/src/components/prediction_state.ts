/**
 * What the prediction panel shows, and the one function that changes it: a
 * pure reducer over the events of asking — a drawing sent through the API,
 * the shown model's answer ahead of the other's, both answers, a failure, a
 * test image chosen, the pad cleared. The hook that asks
 * (use_prediction.ts) only dispatches these.
 *
 * @module
 */

import type { Activations, ModelName } from "../api.ts";
import type {
  Answers,
  BothAnswers,
  EarlyAnswer,
  Where,
} from "../predictions.ts";

export type { Answers };

/** Where the shown input came from. */
export type Source =
  | { kind: "drawing" }
  | { kind: "test"; index: number; label: number };

/** Where the last answer was computed, and how long it took. */
export interface Timing {
  where: Where;
  /** Milliseconds from asking to the answer, both models. */
  ms: number;
}

/** What the forward-pass view shows: one input, the MLP's layers and output for it. */
export interface ForwardView {
  input: ArrayLike<number>;
  activations: Activations;
  /** The MLP's ten probabilities (y = softmax(a3)). */
  probabilities: number[];
  /** Whether the pen is still drawing it (a stroke under way, not ended). */
  moving: boolean;
}

/** What the page shows: the networks' input, their answers and the MLP's layers. */
export interface PredictionState {
  /** 784 values in [0, 1], or null while nothing is drawn or chosen. */
  input: ArrayLike<number> | null;
  answers: Answers | null;
  /** The MLP's hidden layers for `input` (its forward pass). */
  activations: Activations | null;
  source: Source | null;
  error: string | null;
  /** Whether requests are on their way. */
  busy: boolean;
  /**
   * Whether only the shown model has answered the newest input yet (on the
   * device, the other follows at once): `answers` then mixes the new answer
   * with the other model's previous one.
   */
  partial: boolean;
  /**
   * The forward pass: while the pen moves, as soon as the MLP has answered;
   * for a finished stroke or a test image, when both models have answered
   * (the shown model's answer goes on the page first, the strips with the
   * rest).
   */
  forward: ForwardView | null;
  /** The last answer's place and time, or null before the first. */
  timing: Timing | null;
  /** How many finished strokes' answers have gone on the page. */
  strokesShown: number;
  /** The input whose stroke end was last counted: each counts once. */
  countedFor: number;
}

/** What happened, as the hook tells the reducer. `n` numbers the inputs asked about. */
export type PredictionEvent =
  /** A drawing went to the API: the panel is busy until it answers. */
  | { type: "sent"; input: ArrayLike<number> }
  /** The shown model answered a drawing before the other model ran. */
  | {
    type: "early";
    n: number;
    final: boolean;
    input: ArrayLike<number>;
    found: EarlyAnswer;
  }
  /** Both models answered; `final` when the input is a finished stroke. */
  | {
    type: "answered";
    n: number;
    final: boolean;
    input: ArrayLike<number>;
    source: Source;
    found: BothAnswers;
    timing: Timing;
  }
  | { type: "failed"; message: string }
  /** A test image was chosen: its answers are on their way. */
  | { type: "choosing" }
  /** Nothing to show: the pad was cleared or holds no ink. */
  | { type: "cleared" };

/** Nothing drawn or chosen yet. */
export const EMPTY: PredictionState = {
  input: null,
  answers: null,
  activations: null,
  source: null,
  error: null,
  busy: false,
  partial: false,
  forward: null,
  timing: null,
  strokesShown: 0,
  countedFor: 0,
};

const DRAWING: Source = { kind: "drawing" };

/** The state after `n`'s answer went on the page; counts a finished stroke once. */
function counted(state: PredictionState, n: number, final: boolean) {
  if (!final || state.countedFor === n) return {};
  return { strokesShown: state.strokesShown + 1, countedFor: n };
}

/** The next state after one event. */
export function reduce(
  state: PredictionState,
  event: PredictionEvent,
): PredictionState {
  switch (event.type) {
    case "sent":
      return { ...state, input: event.input, source: DRAWING, busy: true };
    case "early": {
      // nothing shown yet (a wiped pad): the full answer will be the first
      if (!state.answers) return state;
      const { model, answer, activations } = event.found;
      return {
        ...state,
        ...counted(state, event.n, event.final),
        input: event.input,
        source: DRAWING,
        answers: { ...state.answers, [model as ModelName]: answer },
        activations: activations ?? state.activations,
        error: null,
        busy: false,
        partial: true,
        // the MLP's layers follow the pen; a finished stroke's come with
        // both answers (one render for the answer, the next for the strips)
        forward: activations && !event.final
          ? {
            input: event.input,
            activations,
            probabilities: answer.probabilities,
            moving: !event.final,
          }
          : state.forward,
      };
    }
    case "answered": {
      const { input, source, found: { answers, activations } } = event;
      return {
        ...state,
        ...counted(state, event.n, event.final),
        input,
        source,
        answers,
        activations,
        error: null,
        busy: false,
        partial: false,
        forward: activations && answers.mlp
          ? {
            input,
            activations,
            probabilities: answers.mlp.probabilities,
            moving: source.kind === "drawing" && !event.final,
          }
          : null,
        timing: event.timing,
      };
    }
    case "failed":
      return { ...state, error: event.message, busy: false };
    case "choosing":
      return { ...state, busy: true };
    case "cleared": {
      const { timing, strokesShown, countedFor } = state;
      return { ...EMPTY, timing, strokesShown, countedFor };
    }
  }
}
