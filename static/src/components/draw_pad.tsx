/**
 * The drawing canvas: Pointer Events for mouse, touch and pen, the strokes
 * kept as point lists (ink.ts) so that undo can repaint, Clear and Undo by
 * button and by key. It takes on the strokes drawn before hydration
 * (static/early.js), says it is getting ready until then, and can show a
 * test image beneath the ink to trace.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Point, Stroke } from "../../../lib/input/strokes.ts";
import type { Texts } from "../texts/mod.ts";
import { takeEarlyStrokes } from "./early_strokes.ts";
import { Ink } from "./ink.ts";
import { PadTools } from "./pad_tools.tsx";
import { PixelCanvas } from "./pixel_canvas.tsx";

/**
 * What the page can ask of the pad from outside: its strokes, the
 * ink's extent, and to wipe it without reporting it (the page shows
 * something else).
 */
export type PadHandle = Pick<Ink, "wipe" | "strokes" | "extent">;

/** Props of {@linkcode DrawPad}. */
export interface DrawPadProps {
  texts: Texts;
  /** The drawing changed; `read()` gives its strokes as they are then. */
  onDraw(read: () => Stroke[], final: boolean): void;
  /** Every stroke is gone (Clear, or Undo of the last one). */
  onClear(): void;
  handle?: RefObject<PadHandle | null>;
  /** A test image to trace over (784 values), shown beneath the ink. */
  trace?: ArrayLike<number> | null;
  /** Puts the shown test image beneath the ink (offered while one is shown). */
  onTraceOn?(): void;
  /** Hides the tracing image. */
  onTraceOff?(): void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement &&
    (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Esc or Delete clears, Ctrl/⌘+Z undoes — unless the reader is typing. */
function usePadKeys(clear: () => void, undo: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.altKey) return;
      if (event.key === "Escape" || event.key === "Delete") {
        event.preventDefault();
        clear();
      } else if (
        (event.ctrlKey || event.metaKey) && !event.shiftKey &&
        event.key.toLowerCase() === "z"
      ) {
        event.preventDefault();
        undo();
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [clear, undo]);
}

/**
 * At hydration: the backing store follows the displayed size (times the
 * pixel ratio), so the pen stays sharp — strokes are in canvas units and
 * survive a resize — and what was drawn before is the pad's own from now on.
 */
function useHydration(
  canvas: RefObject<HTMLCanvasElement>,
  ink: Ink,
  took: (final: boolean | null) => void,
) {
  useEffect(() => {
    const element = canvas.current!;
    ink.attach(element);
    const resize = () => {
      const side = Math.min(
        1024,
        Math.round(element.clientWidth * (globalThis.devicePixelRatio || 1)),
      );
      if (side > 0 && side !== element.width) {
        element.width = element.height = side;
      }
      ink.repaint();
    };
    const early = takeEarlyStrokes();
    ink.replace(early.strokes, early.pointer);
    resize();
    took(early.strokes.length > 0 ? early.pointer === null : null);
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
}

/**
 * Pointer events → strokes: one pen at a time, every coalesced point. The
 * canvas's box is measured once a stroke (at its start): measuring it at
 * every point made the browser lay the page out again each time.
 */
function penEvents(
  canvas: RefObject<HTMLCanvasElement>,
  ink: Ink,
  drew: (final: boolean) => void,
) {
  const pointOf = (event: PointerEvent): Point => {
    const rect = ink.box ?? canvas.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [
      clamp((event.clientX - rect.left) / rect.width),
      clamp((event.clientY - rect.top) / rect.height),
    ];
  };
  const up = (event: PointerEvent) => {
    if (!ink.end(event.pointerId)) return;
    drew(true);
  };
  return {
    onPointerDown(event: PointerEvent) {
      if (event.button !== 0) return;
      const box = canvas.current!.getBoundingClientRect();
      if (!ink.begin(event.pointerId, pointOf(event))) return;
      ink.box = box;
      event.preventDefault();
      canvas.current!.setPointerCapture(event.pointerId);
      drew(false);
    },
    onPointerMove(event: PointerEvent) {
      // a mouse moves over the pad without drawing, too
      if (event.pointerId !== ink.pointer) return;
      const events = event.getCoalescedEvents?.() ?? [];
      ink.extend(
        event.pointerId,
        (events.length ? events : [event]).map(pointOf),
      );
      drew(false);
    },
    onPointerUp: up,
    onPointerCancel: up,
    onLostPointerCapture: up,
  };
}

/** The square canvas with its Undo and Clear buttons. */
export function DrawPad(props: DrawPadProps) {
  const { texts, onDraw, onClear } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokeCount, setStrokeCount] = useState(0);
  const [ink] = useState(() => new Ink(setStrokeCount));
  const [ready, setReady] = useState(false);
  const read = useCallback(() => ink.strokes(), []);
  const clear = useCallback(() => {
    ink.wipe();
    onClear();
  }, [onClear]);
  const undo = useCallback(() => {
    if (!ink.undo()) return;
    if (ink.strokes().length === 0) onClear();
    else onDraw(read, true);
  }, [onClear, onDraw]);
  if (props.handle) props.handle.current = ink;
  useHydration(canvas, ink, (final) => {
    setReady(true);
    if (final !== null) onDraw(read, final);
  });
  usePadKeys(clear, undo);
  const pen = penEvents(canvas, ink, (final) => onDraw(read, final));

  return (
    <div class="pad">
      <div class="pad-frame">
        <canvas
          ref={canvas}
          class="pad-canvas"
          width={320}
          height={320}
          data-testid="canvas"
          aria-label={texts.canvasLabel}
          role="img"
          {...pen}
        />
        {props.trace && (
          <PixelCanvas
            pixels={props.trace}
            class="pad-trace"
            testid="trace"
            tint
          />
        )}
        {!ready && (
          <p class="pad-wait" data-testid="getting-ready" role="status">
            {texts.gettingReady}
          </p>
        )}
      </div>
      <PadTools
        texts={texts}
        canUndo={strokeCount > 0}
        ready={ready}
        onUndo={undo}
        onClear={clear}
        trace={Boolean(props.trace)}
        onTraceOn={props.onTraceOn}
        onTraceOff={props.onTraceOff}
      />
    </div>
  );
}
