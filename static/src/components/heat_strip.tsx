/**
 * One layer of the forward pass as a heat strip: one SVG rect per neuron,
 * shaded by a CSS class (no inline style, for the CSP). Long layers are drawn
 * as rows of `perRow` cells that wrap on a phone. The strip is a listbox:
 * arrow keys, a click or a tap choose a cell, whose value the readout shows
 * and a screen reader announces. The rects are made once per layer; a new
 * answer changes their shade, value and name in one pass over the DOM,
 * not as hundreds of components diffed.
 *
 * @module
 */

import { useLayoutEffect, useMemo, useRef } from "preact/hooks";
import { extentOf, shadeOf } from "./heat.ts";
import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode HeatStrip}. */
export interface HeatStripProps {
  texts: Texts;
  /** The layer's name as the book writes it: `z1`, `a3`, `y`. */
  name: string;
  /** Number of neurons. */
  length: number;
  /** The layer's values. */
  values: ArrayLike<number>;
  /** Weighted sums (a): a signed scale of ±max|a|; else values in [0, 1]. */
  signed?: boolean;
  /** Cells per row; a longer layer is split into rows that wrap. */
  perRow?: number;
  /** Digits 0–9 under the cells (the output layer). */
  ticks?: boolean;
  /** The cell to mark, e.g. the answer. */
  marked?: number | null;
  /** The chosen cell of this strip, or null. */
  active: number | null;
  onActivate(index: number): void;
}

const CELL = 10;
const GAP = 1.2;

/** The id of a strip's cell, for aria-activedescendant. */
function cellId(name: string, index: number): string {
  return `cell-${name}-${index}`;
}

/** A value as the strips print it: at most 4 decimals. */
export function formatValue(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** The cell an arrow key, Home or End moves to from `now`, or undefined for another key. */
export function stepTo(
  key: string,
  now: number,
  { length, perRow }: { length: number; perRow: number },
): number | undefined {
  const steps: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: perRow,
    ArrowUp: -perRow,
  };
  let next: number | undefined;
  if (key in steps) next = now < 0 ? 0 : now + steps[key];
  else if (key === "Home") next = 0;
  else if (key === "End") next = length - 1;
  return next === undefined
    ? undefined
    : Math.min(length - 1, Math.max(0, next));
}

/** One row of cells, as one SVG: the cells' places, not their values. */
function StripRow(
  { name, start, cells }: { name: string; start: number; cells: number },
) {
  return (
    <svg
      class="strip-row"
      viewBox={`0 0 ${cells * CELL} ${CELL}`}
      preserveAspectRatio="none"
      role="none"
      focusable="false"
    >
      {Array.from({ length: cells }, (_, k) => (
        <rect
          key={start + k}
          id={cellId(name, start + k)}
          role="option"
          x={k * CELL + GAP / 2}
          width={CELL - GAP}
          height={CELL}
          data-index={start + k}
        />
      ))}
    </svg>
  );
}

/** Sets an attribute unless it already has that value. */
function put(element: Element, name: string, value: string) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Shades, values and names every cell of a strip: one pass over its rects. */
function useCells(
  rows: { current: HTMLDivElement | null },
  props: HeatStripProps,
) {
  const { texts, name, values, signed = false, marked, active } = props;
  useLayoutEffect(() => {
    const extent = signed ? extentOf(values) : 1;
    const rects = rows.current?.querySelectorAll("rect") ?? [];
    rects.forEach((rect, i) => {
      const value = formatValue(values[i]);
      let shade = shadeOf(values[i], extent);
      if (i === marked) shade += " marked";
      if (i === active) shade += " active";
      put(rect, "class", shade);
      put(rect, "data-value", value);
      put(rect, "aria-label", texts.cellValue(name, i, value));
      put(rect, "aria-selected", String(i === active));
    });
  }, [texts, name, values, signed, marked, active]);
}

/** The digits 0–9 under the output layer's cells. */
function Ticks({ length, marked }: { length: number; marked?: number | null }) {
  return (
    <div class="strip-ticks" aria-hidden="true">
      {Array.from(
        { length },
        (_, i) => (
          <span key={i} class={i === marked ? "marked" : undefined}>{i}</span>
        ),
      )}
    </div>
  );
}

/** A strip of `length` cells with `data-value` on each. */
export function HeatStrip(props: HeatStripProps) {
  const { texts, name, length, signed = false, perRow = 50 } = props;
  const rows = useRef<HTMLDivElement>(null);
  const svgs = useMemo(
    () =>
      Array.from({ length: Math.ceil(length / perRow) }, (_, r) => (
        <StripRow
          key={r}
          name={name}
          start={r * perRow}
          cells={Math.min(perRow, length - r * perRow)}
        />
      )),
    [name, length, perRow],
  );
  useCells(rows, props);
  const move = (event: KeyboardEvent) => {
    const next = stepTo(event.key, props.active ?? -1, { length, perRow });
    if (next === undefined) return;
    event.preventDefault();
    props.onActivate(next);
  };
  const pick = (event: Event) => {
    const index = (event.target as Element).getAttribute?.("data-index");
    if (index !== null && index !== undefined) props.onActivate(Number(index));
  };
  return (
    <div class={`strip strip-${length}`} data-testid={`strip-${name}`}>
      <div
        ref={rows}
        class="strip-rows"
        role="listbox"
        tabindex={0}
        aria-label={texts.stripLabel(name, length, signed)}
        aria-activedescendant={props.active === null
          ? undefined
          : cellId(name, props.active)}
        onKeyDown={move}
        onFocus={() => props.active === null && props.onActivate(0)}
        onClick={pick}
      >
        {svgs}
      </div>
      {props.ticks && <Ticks length={length} marked={props.marked} />}
    </div>
  );
}
