/**
 * What a screen reader hears: the answer to each finished stroke, and to a
 * chosen test image, once — through the page's one live region, since the
 * verdict would be read on every pen move. It also counts the drawings read
 * since the pad was cleared: the lab follows those.
 *
 * @module
 */

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Doubt } from "../../../lib/reading/mod.ts";
import type { ModelName } from "../api.ts";
import type { Texts } from "../texts/mod.ts";
import type { PredictionState } from "./prediction_state.ts";

/** Options of {@linkcode useAnnouncer}. */
export interface AnnouncerOptions {
  texts: Texts;
  /** The model whose answer is announced. */
  model: ModelName;
  prediction: PredictionState;
  doubt: Doubt | null;
}

/** The live region's text, the drawings read, and when to speak. */
export interface Announcer {
  text: string;
  /** Drawings whose answer was announced since the pad was cleared. */
  drawings: number;
  /** The next settled answer is news: a stroke ended or a test image was chosen. */
  expect(): void;
  /** Nothing to announce, and no drawing read: the pad was cleared. */
  clear(): void;
}

/** Announces each settled answer that was expected, once. */
export function useAnnouncer(options: AnnouncerOptions): Announcer {
  const { texts, model, prediction, doubt } = options;
  const [text, setText] = useState("");
  const [drawings, setDrawings] = useState(0);
  const expecting = useRef(false);
  const { answers, busy, partial, source } = prediction;
  const answer = answers?.[model] ?? null;

  useEffect(() => {
    if (!expecting.current || busy || !answer || partial) return;
    expecting.current = false;
    const name = texts.models[model].name;
    const next = doubt?.unsure
      ? texts.announceUnsure(name, answer.digit)
      : texts.announce(name, answer.digit, answer.probabilities[answer.digit]);
    // the same words twice are still news: a no-break space tells them apart
    setText((last) => last === next ? `${next}\u00a0` : next);
    if (source?.kind === "drawing") setDrawings((n) => n + 1);
  }, [answers, busy, partial]);

  const expect = useCallback(() => {
    expecting.current = true;
  }, []);
  const clear = useCallback(() => {
    expecting.current = false;
    setDrawings(0);
  }, []);
  return { text, drawings, expect, clear };
}
