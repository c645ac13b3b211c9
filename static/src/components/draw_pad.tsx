/**
 * The drawing canvas: Pointer Events for mouse, touch and pen, strokes kept as
 * point lists (so undo can repaint), Clear and Undo by button and by key. It
 * takes on the strokes drawn before hydration (static/early.js), says it is
 * getting ready until then, and can show a test image beneath the ink to trace.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ClientError } from "../../../lib/errors.ts";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import {
  type Point,
  type Stroke,
  strokeBounds,
} from "../../../lib/input/strokes.ts";
import { takeEarlyStrokes } from "./early_strokes.ts";
import { paint } from "./paint.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import type { Texts } from "./texts.ts";

/** What the page can ask of the pad from outside. */
export interface PadHandle {
  /** Wipes the strokes without reporting it (the page shows something else). */
  wipe(): void;
  /** The strokes drawn, in canvas units. */
  strokes(): Stroke[];
  /** The side of the canvas's backing store in pixels. */
  size(): number;
  /** The longer side of the ink's box as a fraction of the canvas, or undefined. */
  extent(): number | undefined;
}

/** Props of {@linkcode DrawPad}. */
export interface DrawPadProps {
  texts: Texts;
  /** The drawing changed; `read()` gives the network's 784 inputs, or null when empty. */
  onDraw(read: () => Float32Array | null, final: boolean): void;
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

/** The square canvas with its Undo and Clear buttons. */
export function DrawPad(props: DrawPadProps) {
  const { texts, onDraw, onClear, handle } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Stroke[]>([]);
  const pointer = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const [strokeCount, setStrokeCount] = useState(0);
  const [ready, setReady] = useState(false);

  const repaint = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    if (canvas.current) paint(canvas.current, strokes.current);
  }, []);

  const read = useCallback((): Float32Array | null => {
    const element = canvas.current;
    if (!element || strokes.current.length === 0) return null;
    if (frame.current !== null) repaint();
    const context = element.getContext("2d", { willReadFrequently: true })!;
    const image = context.getImageData(0, 0, element.width, element.height);
    try {
      return toMnistInput(image);
    } catch (error) {
      if (error instanceof ClientError) return null; // no ink
      throw error;
    }
  }, [repaint]);

  const clear = useCallback(() => {
    strokes.current = [];
    pointer.current = null;
    setStrokeCount(0);
    repaint();
    onClear();
  }, [repaint, onClear]);

  const undo = useCallback(() => {
    if (pointer.current !== null || strokes.current.length === 0) return;
    strokes.current = strokes.current.slice(0, -1);
    setStrokeCount(strokes.current.length);
    repaint();
    if (strokes.current.length === 0) onClear();
    else onDraw(read, true);
  }, [repaint, onClear, onDraw, read]);

  if (handle) {
    handle.current = {
      wipe() {
        strokes.current = [];
        pointer.current = null;
        setStrokeCount(0);
        repaint();
      },
      strokes: () => strokes.current,
      size: () => canvas.current?.width ?? 320,
      extent: () => strokeBounds(strokes.current)?.extent,
    };
  }

  // The backing store follows the displayed size (times the pixel ratio), so
  // the pen stays sharp; strokes are in canvas units and survive a resize.
  useEffect(() => {
    const element = canvas.current!;
    const resize = () => {
      const side = Math.min(
        1024,
        Math.round(element.clientWidth * (globalThis.devicePixelRatio || 1)),
      );
      if (side > 0 && side !== element.width) {
        element.width = element.height = side;
      }
      repaint();
    };
    // what was drawn before hydration is the pad's own from now on
    const early = takeEarlyStrokes();
    strokes.current = early.strokes;
    pointer.current = early.pointer;
    setStrokeCount(early.strokes.length);
    resize();
    setReady(true);
    if (early.strokes.length > 0) onDraw(read, early.pointer === null);
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => observer.disconnect();
    // once, at hydration: onDraw and read are stable
  }, [repaint]);

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

  const pointOf = (event: PointerEvent): Point => {
    const rect = canvas.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [
      clamp((event.clientX - rect.left) / rect.width),
      clamp((event.clientY - rect.top) / rect.height),
    ];
  };

  const schedule = () => {
    if (frame.current === null) {
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        repaint();
      });
    }
  };

  const down = (event: PointerEvent) => {
    if (pointer.current !== null || event.button !== 0) return;
    event.preventDefault();
    canvas.current!.setPointerCapture(event.pointerId);
    pointer.current = event.pointerId;
    strokes.current = [...strokes.current, [pointOf(event)]];
    setStrokeCount(strokes.current.length);
    schedule();
    onDraw(read, false);
  };

  const move = (event: PointerEvent) => {
    if (event.pointerId !== pointer.current) return;
    const stroke = strokes.current[strokes.current.length - 1];
    const events = event.getCoalescedEvents?.() ?? [];
    for (const e of events.length ? events : [event]) stroke.push(pointOf(e));
    schedule();
    onDraw(read, false);
  };

  const up = (event: PointerEvent) => {
    if (event.pointerId !== pointer.current) return;
    pointer.current = null;
    repaint();
    onDraw(read, true);
  };

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
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          onLostPointerCapture={up}
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
      <div class="pad-tools">
        <button
          type="button"
          class="button"
          data-testid="undo"
          onClick={undo}
          disabled={strokeCount === 0}
        >
          <span aria-hidden="true">↶</span> {texts.undo}
        </button>
        <button
          type="button"
          class="button"
          data-testid="clear"
          onClick={clear}
          disabled={!ready}
        >
          <span aria-hidden="true">✕</span> {texts.clear}
        </button>
        {props.onTraceOn && !props.trace && (
          <button
            type="button"
            class="button button-quiet"
            data-testid="trace-on"
            onClick={props.onTraceOn}
          >
            {texts.trace}
          </button>
        )}
        {props.trace && (
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
    </div>
  );
}
