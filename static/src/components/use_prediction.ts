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
import {
  type BothAnswers,
  deviceEngine,
  type EarlyAnswer,
  type EngineStatus,
} from "../device.ts";
import { predictBoth, type PredictBothOptions } from "../predictions.ts";
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
  /** The drawing changed; `final` when a stroke ended. `read` yields its 784 pixels or null when empty. */
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

/** Both models' answers for one input, with where and how long they took. */
async function timed(
  input: ArrayLike<number>,
  options: PredictBothOptions,
): Promise<{ found: BothAnswers; timing: Timing }> {
  const start = performance.now();
  const { where, ...found } = await predictBoth(input, options);
  return { found, timing: { where, ms: performance.now() - start } };
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

/**
 * The asking behind the panel, outside React: each input numbered, drawings
 * paced, answers dispatched while their input is the newest; `shown` is the
 * model the page shows large (on the device it runs first).
 */
function createAsker(
  dispatch: (event: PredictionEvent) => void,
  shown: { current: ModelName },
): Asker {
  const latest = new Latest();
  const fail = (n: number, error: unknown) => {
    const event = failure(error);
    if (event && latest.is(n)) dispatch(event);
  };
  const send = (read: Read, final: boolean): Promise<void> => {
    const { n, signal } = latest.begin();
    const input = read();
    if (!input) {
      dispatch({ type: "cleared" });
      return Promise.resolve();
    }
    // the device answers within the frame: no "busy" render in between
    if (!deviceEngine()) dispatch({ type: "sent", input });
    // the shown model's answer goes on the page before the other model runs
    const early = (found: EarlyAnswer) =>
      latest.is(n) && dispatch({ type: "early", n, final, input, found });
    return timed(input, { first: shown.current, signal, early }).then(
      ({ found, timing }) => {
        if (!latest.is(n)) return;
        const source = DRAWING;
        dispatch({ type: "answered", n, final, input, source, found, timing });
      },
      (error) => fail(n, error),
    );
  };
  const pacer = createPacer({ send, onDevice: () => deviceEngine() !== null });
  return {
    drew: pacer.drew,
    choose(index) {
      pacer.cancel();
      const { n, signal } = latest.begin();
      dispatch({ type: "choosing" });
      testImage(index, signal).then(async ({ pixels: input, label }) => {
        const first = shown.current;
        const { found, timing } = await timed(input, { first, signal });
        if (!latest.is(n)) return;
        const source: Source = { kind: "test", index, label };
        dispatch({
          type: "answered",
          n,
          final: false,
          input,
          source,
          found,
          timing,
        });
      }).catch((error) => fail(n, error));
    },
    reset() {
      pacer.cancel();
      latest.cancel();
      dispatch({ type: "cleared" });
    },
    stop() {
      pacer.cancel();
      latest.cancel();
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

  const { drew, choose, reset } = asker;
  return { ...state, engine, drew, choose, reset };
}
