/**
 * What the reader's acts do to the first screen besides asking the
 * networks: a finished stroke or a chosen test image is announced once; a
 * chosen image wipes the pad, takes the eye and the focus to its answer; a
 * shown test image can be put beneath the pad to trace over.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { bringIntoView } from "./bring_into_view.ts";
import type { PadHandle } from "./draw_pad.tsx";
import type { Read } from "./pacing.ts";
import type { Announcer } from "./use_announcer.ts";
import type { Prediction } from "./use_prediction.ts";

/** Scrolls to the first screen's top, where the verdict is. */
function toAnswer(verdict: HTMLElement) {
  bringIntoView(verdict.closest(".play") as HTMLElement ?? verdict, "start");
}

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
  /** Shows test image `index`. */
  choose(index: number): void;
  /** Puts the shown test image beneath an empty pad. */
  traceOn(): void;
  traceOff(): void;
}

/**
 * The first screen's handlers over the prediction and the announcer, each
 * the same function at every render (the pad is not rendered again for a
 * new answer).
 */
export function usePlay(options: PlayOptions): Play {
  const [trace, setTrace] = useState<ArrayLike<number> | null>(null);
  const latest = useRef(options);
  latest.current = options;
  /** The test image chosen whose answer is not on the page yet. */
  const sought = useRef<number | null>(null);
  const { source } = options.prediction;
  useEffect(() => {
    if (source?.kind !== "test" || source.index !== sought.current) return;
    sought.current = null;
    // its answer may have grown the page above the reader's place (an unsure
    // verdict, its reasons): scroll anchoring then stops a smooth scroll on
    // its way, so the answer is brought into view once more
    const element = latest.current.verdict.current;
    if (element) toAnswer(element);
  }, [source]);
  const [handlers] = useState(() => {
    const cleared = () => {
      const { announcer, prediction } = latest.current;
      announcer.clear();
      prediction.reset();
    };
    return {
      drew(read: Read, final: boolean) {
        const { announcer, prediction } = latest.current;
        if (final) announcer.expect();
        prediction.drew(read, final);
      },
      cleared,
      choose(index: number) {
        const { announcer, prediction, pad, verdict } = latest.current;
        pad.current?.wipe();
        setTrace(null);
        announcer.clear();
        announcer.expect();
        prediction.choose(index);
        // the eye goes to the answer: so does the focus
        const element = verdict.current;
        if (!element) return;
        element.focus({ preventScroll: true });
        toAnswer(element);
        sought.current = index;
      },
      traceOn() {
        const { prediction, pad } = latest.current;
        if (!prediction.input) return;
        setTrace(Array.from(prediction.input));
        pad.current?.wipe();
        cleared();
      },
      traceOff: () => setTrace(null),
    };
  });
  return { trace, ...handlers };
}
