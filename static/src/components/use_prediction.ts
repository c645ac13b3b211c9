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
import { predictBoth } from "../predictions.ts";
import type { Stroke } from "../../../lib/input/strokes.ts";
import { readStrokes } from "../read_strokes.ts";
import { testImage } from "../test_images.ts";
import {
  type DeviceReading,
  readOnDevice,
  strokesSignature,
} from "./device_reading.ts";
import { createPacer, type Read } from "./pacing.ts";
import { DRAWING, Panel, timed } from "./panel.ts";
import {
  EMPTY,
  type PredictionEvent,
  type PredictionState,
  reduce,
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

/** What the hook does with the pad and the gallery, over its dispatch. */
interface Asker extends Pick<Prediction, "drew" | "choose" | "reset"> {
  /** Aborts everything on its way (the page goes). */
  stop(): void;
}

/**
 * A drawing asked about through the API: the pixels read here, both models
 * asked at once.
 */
function askServer(
  panel: Panel,
  strokes: Stroke[],
  options: { final: boolean; first: ModelName },
): Promise<void> {
  const { n, signal } = panel.latest.begin();
  const { final, first } = options;
  const input = readStrokes(strokes);
  if (!input) return Promise.resolve(panel.clear());
  panel.dispatch({ type: "sent", input });
  return timed(predictBoth(input, { first, signal })).then(
    (read) => void (read && panel.answer(n, final, DRAWING, read)),
    (error) => panel.fail(n, error),
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
  /** The last drawing read on the device: a stroke's end may finish it. */
  let last: DeviceReading | null = null;
  const send = (read: Read, final: boolean): Promise<void> => {
    const strokes = read();
    last = null;
    if (strokes.length === 0) {
      panel.latest.begin();
      panel.clear();
      return Promise.resolve();
    }
    const first = shown.current;
    if (!deviceEngine()) return askServer(panel, strokes, { final, first });
    last = readOnDevice(panel, strokes, { final, first, waiting });
    return last.settled;
  };
  const finish = (read: Read) => {
    if (!last || !deviceEngine() || !panel.latest.is(last.n)) return false;
    if (strokesSignature(read()) !== last.signature) return false;
    last.finish();
    return true;
  };
  const pacer = createPacer({
    send,
    finish,
    onDevice: () => deviceEngine() !== null,
  });
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
