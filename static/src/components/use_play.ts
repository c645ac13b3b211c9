/**
 * What the reader's acts do to the first screen besides asking the
 * networks: a finished stroke or a chosen test image is announced once; a
 * chosen image wipes the pad, takes the eye and the focus to its answer; a
 * shown test image can be put beneath the pad to trace over.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useCallback, useState } from "preact/hooks";
import { bringIntoView } from "./bring_into_view.ts";
import type { PadHandle } from "./draw_pad.tsx";
import type { Read } from "./pacing.ts";
import type { Announcer } from "./use_announcer.ts";
import type { Prediction } from "./use_prediction.ts";

/** Options of {@linkcode usePlay}. */
export interface PlayOptions {
  prediction: Prediction;
  announcer: Announcer;
  pad: RefObject<PadHandle | null>;
  /** The verdict, which takes the focus when a test image is chosen. */
  verdict: RefObject<HTMLElement>;
}

/** The tracing image and the pad's, the gallery's and the tracing's handlers. */
export interface Play {
  /** The test image beneath the pad, or null. */
  trace: ArrayLike<number> | null;
  drew(read: Read, final: boolean): void;
  cleared(): void;
  /** Shows test image `index` (stable: the gallery keeps it). */
  choose(index: number): void;
  /** Puts the shown test image beneath an empty pad. */
  traceOn(): void;
  traceOff(): void;
}

/** The first screen's handlers over the prediction and the announcer. */
export function usePlay(options: PlayOptions): Play {
  const { prediction, announcer, pad, verdict } = options;
  const [trace, setTrace] = useState<ArrayLike<number> | null>(null);
  const cleared = () => {
    announcer.clear();
    prediction.reset();
  };
  const { choose: show } = prediction;
  const choose = useCallback((index: number) => {
    pad.current?.wipe();
    setTrace(null);
    announcer.clear();
    announcer.expect();
    show(index);
    // the eye goes to the answer: so does the focus
    const element = verdict.current;
    if (!element) return;
    element.focus({ preventScroll: true });
    bringIntoView(element.closest(".play") as HTMLElement ?? element, "start");
  }, [show]);
  return {
    trace,
    drew(read, final) {
      if (final) announcer.expect();
      prediction.drew(read, final);
    },
    cleared,
    choose,
    traceOn() {
      if (!prediction.input) return;
      setTrace(Array.from(prediction.input));
      pad.current?.wipe();
      cleared();
    },
    traceOff: () => setTrace(null),
  };
}
