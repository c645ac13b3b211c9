/**
 * The drawing canvas: Pointer Events for mouse, touch and pen, strokes kept as
 * point lists (so undo can repaint), Clear and Undo by button and by key.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { InputError } from "../../../lib/input_error.ts";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import type { Texts } from "./texts.ts";

/** A point in canvas units: x and y in [0, 1] from the top left. */
type Point = [x: number, y: number];

/** The pen's width as a fraction of the canvas side: a thick marker. */
export const PEN_WIDTH = 0.075;
const PAPER = "#ffffff";
const INK = "#1b1e24";

/** What the page can ask of the pad from outside. */
export interface PadHandle {
  /** Wipes the strokes without reporting it (the page shows something else). */
  wipe(): void;
}

/** Props of {@linkcode DrawPad}. */
export interface DrawPadProps {
  texts: Texts;
  /** The drawing changed; `read()` gives the network's 784 inputs, or null when empty. */
  onDraw(read: () => Float32Array | null, final: boolean): void;
  /** Every stroke is gone (Clear, or Undo of the last one). */
  onClear(): void;
  handle?: RefObject<PadHandle | null>;
}

function paint(canvas: HTMLCanvasElement, strokes: Point[][]): void {
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return;
  const size = canvas.width;
  context.fillStyle = PAPER;
  context.fillRect(0, 0, size, canvas.height);
  context.strokeStyle = context.fillStyle = INK;
  context.lineWidth = PEN_WIDTH * size;
  context.lineCap = context.lineJoin = "round";
  for (const stroke of strokes) {
    const [[x0, y0]] = stroke;
    context.beginPath();
    if (stroke.length === 1) {
      context.arc(x0 * size, y0 * size, context.lineWidth / 2, 0, 2 * Math.PI);
      context.fill();
      continue;
    }
    context.moveTo(x0 * size, y0 * size);
    // Quadratic curves through the midpoints smooth the polyline.
    for (let i = 1; i < stroke.length - 1; i++) {
      const [x, y] = stroke[i];
      const [nx, ny] = stroke[i + 1];
      context.quadraticCurveTo(
        x * size,
        y * size,
        (x + nx) / 2 * size,
        (y + ny) / 2 * size,
      );
    }
    const [xn, yn] = stroke[stroke.length - 1];
    context.lineTo(xn * size, yn * size);
    context.stroke();
  }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement &&
    (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** The square canvas with its Undo and Clear buttons. */
export function DrawPad({ texts, onDraw, onClear, handle }: DrawPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const pointer = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const [strokeCount, setStrokeCount] = useState(0);

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
      if (error instanceof InputError) return null; // no ink
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
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    return () => observer.disconnect();
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
        >
          <span aria-hidden="true">✕</span> {texts.clear}
        </button>
      </div>
      <p class="hint">{texts.keysHint}</p>
    </div>
  );
}
