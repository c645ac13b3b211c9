/**
 * The pad's buttons — Undo, Clear, and tracing a test image on or off — and
 * the keys that do the same.
 *
 * @module
 */

import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode PadTools}. */
export interface PadToolsProps {
  texts: Texts;
  /** Whether there is a stroke to take back. */
  canUndo: boolean;
  /** Whether the pad has hydrated (Clear waits for it). */
  ready: boolean;
  onUndo(): void;
  onClear(): void;
  /** Whether a test image is beneath the ink. */
  trace: boolean;
  /** Offered while a test image is shown. */
  onTraceOn?(): void;
  onTraceOff?(): void;
}

/** The row of buttons under the pad, and the keys' hint. */
export function PadTools(props: PadToolsProps) {
  const { texts, trace } = props;
  return (
    <>
      <div class="pad-tools">
        <button
          type="button"
          class="button"
          data-testid="undo"
          onClick={props.onUndo}
          disabled={!props.canUndo}
        >
          <span aria-hidden="true">↶</span> {texts.undo}
        </button>
        <button
          type="button"
          class="button"
          data-testid="clear"
          onClick={props.onClear}
          disabled={!props.ready}
        >
          <span aria-hidden="true">✕</span> {texts.clear}
        </button>
        {props.onTraceOn && !trace && (
          <button
            type="button"
            class="button button-quiet"
            data-testid="trace-on"
            onClick={props.onTraceOn}
          >
            {texts.trace}
          </button>
        )}
        {trace && (
          <button
            type="button"
            class="button button-quiet"
            data-testid="trace-off"
            onClick={props.onTraceOff}
          >
            {texts.traceOff}
          </button>
        )}
      </div>
      <p class="hint">{texts.keysHint}</p>
    </>
  );
}
