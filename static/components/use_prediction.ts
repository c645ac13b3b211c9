// The page's one source of answers: drawings (throttled while the pen moves,
// at once when a stroke ends) and test images. Only the newest request counts:
// older ones are aborted, and any answer that still arrives late is dropped.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type Answer, loadTestImage, predict } from "../api.ts";

/** At most one live request per this many milliseconds while drawing. */
export const THROTTLE_MS = 150;

/** Where the shown input came from. */
export type Source =
  | { kind: "drawing" }
  | { kind: "test"; index: number; label: number };

/** What the page shows: the network's input and its answer, if any. */
export interface PredictionState {
  /** 784 values in [0, 1], or null while nothing is drawn or chosen. */
  input: ArrayLike<number> | null;
  answer: Answer | null;
  source: Source | null;
  error: string | null;
  /** Whether a request is on its way. */
  busy: boolean;
}

/** The state plus the three ways to change it. */
export interface Prediction extends PredictionState {
  /** The drawing changed; `final` when a stroke ended. `read` yields its 784 pixels or null when empty. */
  drew(read: () => ArrayLike<number> | null, final: boolean): void;
  /** Shows test image `index` and the network's answer for it. */
  choose(index: number): void;
  /** Shows nothing: the canvas was cleared. */
  reset(): void;
}

const EMPTY: PredictionState = {
  input: null,
  answer: null,
  source: null,
  error: null,
  busy: false,
};

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
    setState((s) => ({ ...s, input, source: { kind: "drawing" }, busy: true }));
    predict(input, signal).then((answer) => {
      if (n !== sequence.current) return;
      setState({
        input,
        answer,
        source: { kind: "drawing" },
        error: null,
        busy: false,
      });
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
    loadTestImage(index, signal).then((image) => {
      if (n !== sequence.current) return;
      setState({
        input: image.pixels,
        answer: { digit: image.digit, probabilities: image.probabilities },
        source: { kind: "test", index: image.index, label: image.label },
        error: null,
        busy: false,
      });
    }, (error) => fail(n, error));
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
