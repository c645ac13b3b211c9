/**
 * The page's one source of answers: drawings and test images, each read by
 * both models wherever the network runs (predictions.ts), at the pace
 * pacing.ts sets while the pen moves. Only the newest input counts: older
 * requests are aborted, and any answer that still arrives late is dropped.
 * What the panel shows is prediction_state.ts's reducer; this hook asks and
 * dispatches.
 *
 * @module
 */

import {
  useEffect,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
} from "preact/hooks";
import type { ModelName } from "../api.ts";
import { deviceEngine, type EngineStatus, wantModel } from "../device.ts";
import {
  type EarlyAnswer,
  predictBoth,
  readDrawing,
  type Reading,
} from "../predictions.ts";
import type { Stroke } from "../../../lib/input/strokes.ts";
import { readStrokes } from "../read_strokes.ts";
import { testImage } from "../test_images.ts";
import { createPacer, type Read } from "./pacing.ts";
import {
  EMPTY,
  type PredictionEvent,
  type PredictionState,
  reduce,
  type Source,
  type Timing,
} from "./prediction_state.ts";
import { useEngine } from "./use_engine.ts";

export type {
  Answers,
  ForwardView,
  PredictionState,
  Source,
  Timing,
} from "./prediction_state.ts";

/** The User Timing mark set when the answer to a finished stroke is on the page. */
export const FINAL_MARK = "prediction-after-stroke";

/** The state plus the three ways to change it. */
export interface Prediction extends PredictionState {
  /** Where predictions run: loading the device engine, on the device, or on the server (and why). */
  engine: EngineStatus;
  /** The drawing changed; `final` when a stroke ended. `read` yields its strokes. */
  drew(read: Read, final: boolean): void;
  /** Shows test image `index` and both answers for it. */
  choose(index: number): void;
  /** Shows nothing: the canvas was cleared. */
  reset(): void;
}

/** Numbers the inputs asked about; the newest one's requests can be aborted. */
class Latest {
  #n = 0;
  #controller: AbortController | null = null;

  /** Starts the next input, aborting the one before. */
  begin(): { n: number; signal: AbortSignal } {
    this.cancel();
    this.#controller = new AbortController();
    return { n: this.#n, signal: this.#controller.signal };
  }

  /** Whether `n` is still the newest input. */
  is(n: number): boolean {
    return n === this.#n;
  }

  /** Aborts the newest input's requests: no input is live. */
  cancel() {
    this.#controller?.abort();
    this.#controller = null;
    this.#n++;
  }
}

const DRAWING: Source = { kind: "drawing" };

/** A reading with where and how long it took (null: no ink, or stale). */
async function timed(
  asking: Promise<Reading | null>,
): Promise<{ found: Reading; timing: Timing } | null> {
  const start = performance.now();
  const found = await asking;
  if (!found) return null;
  return {
    found,
    timing: { where: found.where, ms: performance.now() - start },
  };
}

/** What failed, unless it was an input replaced by a newer one. */
function failure(error: unknown): PredictionEvent | null {
  if (error instanceof DOMException && error.name === "AbortError") return null;
  const message = error instanceof Error ? error.message : String(error);
  return { type: "failed", message };
}

/** What the hook does with the pad and the gallery, over its dispatch. */
interface Asker extends Pick<Prediction, "drew" | "choose" | "reset"> {
  /** Aborts everything on its way (the page goes). */
  stop(): void;
}

/** The panel's events as the asking goes: each input numbered, the newest's kept. */
class Panel {
  readonly latest = new Latest();
  /** Whether both models' answers are on the page. */
  answered = false;
  constructor(readonly dispatch: (event: PredictionEvent) => void) {}

  clear() {
    this.answered = false;
    this.dispatch({ type: "cleared" });
  }

  fail(n: number, error: unknown) {
    const event = failure(error);
    if (event && this.latest.is(n)) this.dispatch(event);
  }

  /** Both answers for input `n`, if it is still the newest. */
  answer(n: number, final: boolean, source: Source, read: Timed) {
    if (!this.latest.is(n)) return;
    const { found: { input, ...found }, timing } = read;
    this.dispatch({ type: "answered", n, final, input, source, found, timing });
    this.answered = true;
  }
}

type Timed = { found: Reading; timing: Timing };

/**
 * A drawing asked about: through the API as the pixels read here, or on the
 * device as its strokes, the shown model's answer first; on the device a
 * newer drawing waiting skips the other model (an early answer alone shows
 * only beside an earlier full one).
 */
function askDrawing(
  panel: Panel,
  strokes: Stroke[],
  options: { final: boolean; first: ModelName; waiting(): boolean },
): Promise<void> {
  const { n, signal } = panel.latest.begin();
  const { final, first } = options;
  /** The shown model's answer, held while the pen moves: one render for both. */
  let held: PredictionEvent | null = null;
  let heard = false;
  const done = (read: Timed | null) => {
    if (read) return panel.answer(n, final, DRAWING, read);
    if (!panel.latest.is(n)) return;
    // a stale drawing: its first answer alone; none at all: no ink
    if (held) panel.dispatch(held);
    else if (!heard) panel.clear();
  };
  const fail = (error: unknown) => panel.fail(n, error);
  if (!deviceEngine()) {
    const input = readStrokes(strokes);
    if (!input) return Promise.resolve(done(null));
    panel.dispatch({ type: "sent", input });
    return timed(predictBoth(input, { first, signal })).then(done, fail);
  }
  const early = (found: EarlyAnswer, input: Float32Array) => {
    heard = true;
    if (!panel.latest.is(n)) return;
    const event: PredictionEvent = { type: "early", n, final, input, found };
    // a finished stroke's answer goes on the page at once
    if (final) panel.dispatch(event);
    else held = event;
  };
  const stale = () => panel.answered && options.waiting();
  return timed(readDrawing(strokes, { first, signal, early, stale })).then(
    done,
    fail,
  );
}

/**
 * The asking behind the panel, outside React: each input numbered, drawings
 * paced, answers dispatched while their input is the newest; `shown` is the
 * model the page shows large (on the device it runs first).
 */
function createAsker(
  dispatch: (event: PredictionEvent) => void,
  shown: { current: ModelName },
): Asker {
  const panel = new Panel(dispatch);
  const send = (read: Read, final: boolean): Promise<void> => {
    const strokes = read();
    if (strokes.length > 0) {
      const first = shown.current;
      return askDrawing(panel, strokes, { final, first, waiting });
    }
    panel.latest.begin();
    panel.clear();
    return Promise.resolve();
  };
  const pacer = createPacer({ send, onDevice: () => deviceEngine() !== null });
  const waiting = () => pacer.waiting();
  return {
    drew: pacer.drew,
    choose(index) {
      pacer.cancel();
      const { n, signal } = panel.latest.begin();
      dispatch({ type: "choosing" });
      testImage(index, signal).then(async ({ pixels, label }) => {
        const first = shown.current;
        const read = await timed(predictBoth(pixels, { first, signal }));
        if (read) panel.answer(n, false, { kind: "test", index, label }, read);
      }).catch((error) => panel.fail(n, error));
    },
    reset() {
      pacer.cancel();
      panel.latest.cancel();
      panel.clear();
    },
    stop() {
      pacer.cancel();
      panel.latest.cancel();
    },
  };
}

/**
 * The state of the prediction panel and the work behind it; `model` is the
 * model whose answer the page shows large (on the device it runs first).
 */
export function usePrediction(model: ModelName = "mlp"): Prediction {
  const engine = useEngine();
  const [state, dispatch] = useReducer(reduce, EMPTY);
  const shown = useRef(model);
  shown.current = model;
  const [asker] = useState(() => createAsker(dispatch, shown));

  // the answer to a finished stroke is in the DOM: mark it for benchmarks
  useLayoutEffect(() => {
    if (state.strokesShown > 0) performance.mark(FINAL_MARK);
  }, [state.strokesShown]);
  useEffect(() => asker.stop, []);
  // the DeepConvNet chosen: onto the device if it is not there yet
  useEffect(() => {
    if (engine.kind === "device") wantModel(model);
  }, [model, engine.kind]);

  const { drew, choose, reset } = asker;
  return { ...state, engine, drew, choose, reset };
}
