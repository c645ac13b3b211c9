/**
 * static/early.js: a few hundred bytes that run before the page's script
 * (static/app.js) has arrived. They record and paint what is drawn on the
 * pad meanwhile, so a stroke made on a slow link is not lost: the pad takes
 * the strokes on when it hydrates (components/early_strokes.ts).
 *
 * @module
 */

import type { Stroke } from "../../lib/input/strokes.ts";
import { PEN_WIDTH } from "../../lib/input/strokes.ts";
import type { EarlyPad } from "./components/early_strokes.ts";

const canvas = document.querySelector<HTMLCanvasElement>(
  'canvas[data-testid="canvas"]',
);
if (canvas && !globalThis.earlyPad) {
  const strokes: Stroke[] = [];
  let pointer: number | null = null;
  const context = canvas.getContext("2d");
  const at = (event: PointerEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [
      clamp((event.clientX - rect.left) / rect.width),
      clamp((event.clientY - rect.top) / rect.height),
    ];
  };
  const dab = ([x, y]: [number, number], from?: [number, number]) => {
    if (!context) return;
    const size = canvas.width;
    context.strokeStyle = context.fillStyle = "#1b1e24";
    context.lineWidth = PEN_WIDTH * size;
    context.lineCap = context.lineJoin = "round";
    context.beginPath();
    context.moveTo((from ?? [x, y])[0] * size, (from ?? [x, y])[1] * size);
    context.lineTo(x * size, y * size);
    context.stroke();
  };
  const down = (event: PointerEvent) => {
    if (pointer !== null || event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    pointer = event.pointerId;
    const point = at(event);
    strokes.push([point]);
    dab(point);
  };
  const move = (event: PointerEvent) => {
    if (event.pointerId !== pointer) return;
    const stroke = strokes[strokes.length - 1];
    const point = at(event);
    dab(point, stroke[stroke.length - 1]);
    stroke.push(point);
  };
  const up = (event: PointerEvent) => {
    if (event.pointerId === pointer) pointer = null;
  };
  const events = [
    ["pointerdown", down],
    ["pointermove", move],
    ["pointerup", up],
    ["pointercancel", up],
  ] as const;
  for (const [name, handler] of events) canvas.addEventListener(name, handler);
  document.documentElement.dataset.early = "";
  const pad: EarlyPad = {
    strokes,
    get pointer() {
      return pointer;
    },
    stop() {
      for (const [name, handler] of events) {
        canvas.removeEventListener(name, handler);
      }
      delete document.documentElement.dataset.early;
      return { strokes, pointer };
    },
  };
  globalThis.earlyPad = pad;
}
