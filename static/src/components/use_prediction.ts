/**
 * The page's one source of answers: drawings (throttled while the pen moves,
 * at once when a stroke ends) and test images, each read by both models.
 * Only the newest request counts: older ones are aborted, and any answer that
 * still arrives late is dropped.
 *
 * @module
 */

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import {
  type Activations,
  type Answer,
  loadTestImage,
  type ModelName,
  predict,
  predictTraced,
} from "../api.ts";

/** At most one live request per model per this many milliseconds while drawing. */
export const THROTTLE_MS = 150;

/** Where the shown input came from. */
export type Source =
  | { kind: "drawing" }
  | { kind: "test"; index: number; label: number };

/** Each model's answer for one input. */
export type Answers = Record<ModelName, Answer>;

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
}

/** The state plus the three ways to change it. */
export interface Prediction extends PredictionState {
  /** The drawing changed; `final` when a stroke ended. `read` yields its 784 pixels or null when empty. */
  drew(read: () => ArrayLike<number> | null, final: boolean): void;
  /** Shows test image `index` and both answers for it. */
  choose(index: number): void;
  /** Shows nothing: the canvas was cleared. */
  reset(): void;
}

const EMPTY: PredictionState = {
  input: null,
  answers: null,
  activations: null,
  source: null,
  error: null,
  busy: false,
};

const DRAWING: Source = { kind: "drawing" };

type Found = Pick<PredictionState, "answers" | "activations">;

/** One request per model: the MLP with its layers, the DeepConvNet's answer. */
async function askBoth(
  pixels: ArrayLike<number>,
  signal: AbortSignal,
  known?: Answer,
): Promise<Found> {
  const [mlp, deep] = await Promise.all([
    predictTraced(pixels, signal),
    known ?? predict(pixels, { model: "deep-cnn", signal }),
  ]);
  const { activations, ...answer } = mlp;
  return { answers: { mlp: answer, "deep-cnn": deep }, activations };
}

/** The state of the prediction panel and the requests behind it. */
export function usePrediction(): Prediction {
  const [state, setState] = useState<PredictionState>(EMPTY);
  const sequence = useRef(0);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSent = useRef(-Infinity);
  const pending = useRef<(() => ArrayLike<number> | null) | null>(null);

  /** Starts request number n, cancelling any older one. */
  const begin = useCallback(() => {
    controller.current?.abort();
    controller.current = new AbortController();
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    return { n: ++sequence.current, signal: controller.current.signal };
  }, []);

  const fail = useCallback((n: number, error: unknown) => {
    if (n !== sequence.current) return;
    if (error instanceof DOMException && error.name === "AbortError") return;
    const message = error instanceof Error ? error.message : String(error);
    setState((s) => ({ ...s, error: message, busy: false }));
  }, []);

  const send = useCallback(() => {
    const read = pending.current;
    pending.current = null;
    if (!read) return;
    const { n, signal } = begin();
    lastSent.current = performance.now();
    const input = read();
    if (!input) {
      setState(EMPTY);
      return;
    }
    setState((s) => ({ ...s, input, source: DRAWING, busy: true }));
    askBoth(input, signal).then((found) => {
      if (n !== sequence.current) return;
      setState({ input, source: DRAWING, ...found, error: null, busy: false });
    }, (error) => fail(n, error));
  }, [begin, fail]);

  const drew = useCallback(
    (read: () => ArrayLike<number> | null, final: boolean) => {
      pending.current = read;
      const wait = THROTTLE_MS - (performance.now() - lastSent.current);
      if (final || wait <= 0) send();
      else if (timer.current === null) timer.current = setTimeout(send, wait);
    },
    [send],
  );

  const choose = useCallback((index: number) => {
    pending.current = null;
    const { n, signal } = begin();
    setState((s) => ({ ...s, busy: true }));
    // The image comes with the DeepConvNet's answer; the MLP's (with its
    // layers) is one more request on the same pixels.
    loadTestImage(index, { model: "deep-cnn", signal }).then(async (image) => {
      const { pixels, label, digit, probabilities } = image;
      const found = await askBoth(pixels, signal, { digit, probabilities });
      if (n !== sequence.current) return;
      setState({
        input: pixels,
        source: { kind: "test", index, label },
        ...found,
        error: null,
        busy: false,
      });
    }).catch((error) => fail(n, error));
  }, [begin, fail]);

  const reset = useCallback(() => {
    pending.current = null;
    begin();
    controller.current?.abort();
    setState(EMPTY);
  }, [begin]);

  useEffect(() => () => {
    controller.current?.abort();
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);

  return { ...state, drew, choose, reset };
}
