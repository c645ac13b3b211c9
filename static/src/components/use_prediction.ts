/**
 * The page's one source of answers: drawings and test images, each read by
 * both models — on this device once the engine is ready (every pointer move,
 * paced by requestAnimationFrame; the MLP's hidden layers with it), through
 * the API until then or where it cannot run (throttled while the pen moves,
 * one request per model at a time; at once when a stroke ends). Only the
 * newest input counts: older requests are aborted, and any answer that still
 * arrives late is dropped.
 *
 * @module
 */

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "preact/hooks";
import {
  type Activations,
  type Answer,
  type ModelName,
  predict,
  predictTraced,
} from "../api.ts";
import type { EngineStatus } from "../device.ts";
import type { DeviceEngine } from "../engine.ts";
import { testImage } from "../test_images.ts";
import { useEngine } from "./use_engine.ts";

/**
 * While drawing through the API: at most one live request per model per this
 * many milliseconds, and never while the previous one is still travelling.
 */
export const THROTTLE_MS = 150;

/** The User Timing mark set when the answer to a finished stroke is on the page. */
export const FINAL_MARK = "prediction-after-stroke";

/** Where the shown input came from. */
export type Source =
  | { kind: "drawing" }
  | { kind: "test"; index: number; label: number };

/** Each model's answer for one input. */
export type Answers = Record<ModelName, Answer>;

/** Where the last answer was computed, and how long it took. */
export interface Timing {
  where: "device" | "server";
  /** Milliseconds from asking to the answer, both models. */
  ms: number;
}

/** What the forward-pass view shows: one input, the MLP's layers and output for it. */
export interface ForwardView {
  input: ArrayLike<number>;
  activations: Activations;
  /** The MLP's ten probabilities (y = softmax(a3)). */
  probabilities: number[];
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
   * device, the other follows within a frame): `answers` then mixes the new
   * answer with the other model's previous one.
   */
  partial: boolean;
  /**
   * The forward pass, replaced only when both models have answered: the
   * shown model's answer goes on the page first, the strips with the rest.
   */
  forward: ForwardView | null;
}

/** The state plus the three ways to change it. */
export interface Prediction extends PredictionState {
  /** Where predictions run: loading the device engine, on the device, or on the server (and why). */
  engine: EngineStatus;
  /** The last answer's place and time, or null before the first. */
  timing: Timing | null;
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
  partial: false,
  forward: null,
};

const DRAWING: Source = { kind: "drawing" };

type Found = Pick<PredictionState, "answers" | "activations">;

/** The whole state for an input both models have answered. */
function settledState(
  input: ArrayLike<number>,
  source: Source,
  { answers, activations }: Found,
): PredictionState {
  return {
    input,
    source,
    answers,
    activations,
    error: null,
    busy: false,
    partial: false,
    forward: answers && activations
      ? { input, activations, probabilities: answers.mlp.probabilities }
      : null,
  };
}

/** One model's answer (with the MLP's layers), before the other's. */
interface Early {
  model: ModelName;
  answer: Answer;
  activations?: Activations;
}

/**
 * Both models on the device, `first` first: its answer goes to `early`
 * while the other model runs.
 */
async function askDevice(
  engine: DeviceEngine,
  input: ArrayLike<number>,
  first: ModelName,
  early?: (found: Early) => void,
): Promise<Found> {
  const pixels = input instanceof Float32Array
    ? input
    : Float32Array.from(input);
  const order: ModelName[] = first === "mlp"
    ? ["mlp", "deep-cnn"]
    : ["deep-cnn", "mlp"];
  const found = {} as Record<ModelName, Early>;
  for (const model of order) {
    const [{ activations, ...answer }] = await engine.predict(model, pixels, {
      activations: model === "mlp",
    });
    found[model] = {
      model,
      answer,
      activations: activations as Activations | undefined,
    };
    if (model === first) early?.(found[model]);
  }
  return {
    answers: { mlp: found.mlp.answer, "deep-cnn": found["deep-cnn"].answer },
    activations: found.mlp.activations ?? null,
  };
}

/** One request per model: the MLP with its layers, the DeepConvNet's answer. */
async function askServer(
  pixels: ArrayLike<number>,
  signal: AbortSignal,
): Promise<Found> {
  const [mlp, deep] = await Promise.all([
    predictTraced(pixels, signal),
    predict(pixels, { model: "deep-cnn", signal }),
  ]);
  const { activations, ...answer } = mlp;
  return { answers: { mlp: answer, "deep-cnn": deep }, activations };
}

/**
 * The state of the prediction panel and the work behind it; `model` is the
 * model whose answer the page shows large (on the device it runs first).
 */
export function usePrediction(model: ModelName = "mlp"): Prediction {
  const engine = useEngine();
  const [state, setState] = useState<PredictionState>(EMPTY);
  const shown = useRef(model);
  shown.current = model;
  const answered = useRef(false);
  answered.current = state.answers !== null;
  const [timing, setTiming] = useState<Timing | null>(null);
  const device = useRef<EngineStatus>(engine);
  device.current = engine;
  const sequence = useRef(0);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const frame = useRef<number | null>(null);
  const lastSent = useRef(-Infinity);
  const pending = useRef<(() => ArrayLike<number> | null) | null>(null);
  const finalShown = useRef(false);
  /** The number of the live API request on its way, or 0. */
  const inFlight = useRef(0);
  const throttled = useRef<() => void>(() => {});

  /** Starts input number n, cancelling any older one. */
  const begin = useCallback(() => {
    controller.current?.abort();
    controller.current = new AbortController();
    if (timer.current !== null) clearTimeout(timer.current);
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    timer.current = frame.current = null;
    return { n: ++sequence.current, signal: controller.current.signal };
  }, []);

  /**
   * Both answers for one input, from the device when it runs (the shown
   * model's first, handed to `early` before the other model runs), else the API.
   */
  const ask = useCallback(async (
    input: ArrayLike<number>,
    signal: AbortSignal,
    early?: (found: Early) => void,
  ): Promise<Found & { timing: Timing }> => {
    const start = performance.now();
    const status = device.current;
    const found = status.kind === "device"
      ? await askDevice(status.engine, input, shown.current, early)
      : await askServer(input, signal);
    const ms = performance.now() - start;
    const where = status.kind === "device" ? "device" : "server";
    return { ...found, timing: { where, ms } };
  }, []);

  const fail = useCallback((n: number, error: unknown) => {
    if (n !== sequence.current) return;
    if (error instanceof DOMException && error.name === "AbortError") return;
    const message = error instanceof Error ? error.message : String(error);
    setState((s) => ({ ...s, error: message, busy: false }));
  }, []);

  const send = useCallback((final: boolean) => {
    const read = pending.current;
    if (!read) return;
    const server = device.current.kind !== "device";
    // through the API, one live request per model at a time: on a slow link,
    // requests sent while others travel only queue up behind them; the end of
    // a stroke goes at once (begin() aborts what travels)
    if (server && inFlight.current !== 0 && !final) return;
    pending.current = null;
    const { n, signal } = begin();
    lastSent.current = performance.now();
    const input = read();
    if (!input) {
      setState(EMPTY);
      return;
    }
    // the device answers within the frame: no "busy" render in between
    if (server) {
      inFlight.current = n;
      setState((s) => ({ ...s, input, source: DRAWING, busy: true }));
    }
    let marked = false;
    // the shown model's answer goes on the page before the other model runs
    const early = ({ model, answer, activations }: Early) => {
      if (n !== sequence.current || !answered.current) return;
      setState((s) => {
        // nothing shown yet (a wiped pad): the full answer will be the first
        if (!s.answers) return s;
        // only an early answer that goes on the page marks the stroke's end
        // (Preact runs this at once, in setState)
        marked = finalShown.current = final;
        return {
          ...s,
          input,
          source: DRAWING,
          answers: { ...s.answers, [model]: answer },
          activations: activations ?? s.activations,
          error: null,
          busy: false,
          partial: true,
        };
      });
    };
    ask(input, signal, early).then(({ timing, ...found }) => {
      if (n !== sequence.current) return;
      // an early answer's mark may still wait for its render (both updates
      // rendered as one): keep it rather than clear it
      finalShown.current ||= final && !marked;
      setState(settledState(input, DRAWING, found));
      setTiming(timing);
    }, (error) => fail(n, error)).finally(() => {
      if (!server || inFlight.current !== n) return;
      inFlight.current = 0;
      // the drawing changed while the answer travelled: ask again
      if (pending.current) throttled.current();
    });
  }, [begin, ask, fail]);

  /** Sends the pending drawing through the API, at most once per THROTTLE_MS. */
  const throttle = useCallback(() => {
    if (timer.current !== null) return;
    const wait = THROTTLE_MS - (performance.now() - lastSent.current);
    if (wait <= 0) send(false);
    else {
      timer.current = setTimeout(() => {
        timer.current = null;
        send(false);
      }, wait);
    }
  }, [send]);
  throttled.current = throttle;

  const drew = useCallback(
    (read: () => ArrayLike<number> | null, final: boolean) => {
      pending.current = read;
      if (final) {
        send(true);
      } else if (device.current.kind === "device") {
        // on the device, every frame with a pen move gets its answer
        frame.current ??= requestAnimationFrame(() => {
          frame.current = null;
          send(false);
        });
      } else {
        throttle();
      }
    },
    [send, throttle],
  );

  const choose = useCallback((index: number) => {
    pending.current = null;
    const { n, signal } = begin();
    setState((s) => ({ ...s, busy: true }));
    testImage(index, signal).then(async (image) => {
      const { timing, ...found } = await ask(image.pixels, signal);
      if (n !== sequence.current) return;
      const source: Source = { kind: "test", index, label: image.label };
      setState(settledState(image.pixels, source, found));
      setTiming(timing);
    }).catch((error) => fail(n, error));
  }, [begin, ask, fail]);

  const reset = useCallback(() => {
    pending.current = null;
    begin();
    controller.current?.abort();
    setState(EMPTY);
  }, [begin]);

  // the answer to a finished stroke is in the DOM: mark it for benchmarks
  useLayoutEffect(() => {
    if (!finalShown.current) return;
    finalShown.current = false;
    performance.mark(FINAL_MARK);
  }, [state]);

  useEffect(() => () => {
    controller.current?.abort();
    if (timer.current !== null) clearTimeout(timer.current);
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);

  return { ...state, engine, timing, drew, choose, reset };
}
