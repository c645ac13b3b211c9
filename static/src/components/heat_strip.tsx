/**
 * One layer of the forward pass as a heat strip: one SVG rect per neuron,
 * shaded by a CSS class (no inline style, for the CSP). Long layers are drawn
 * as rows of `perRow` cells that wrap on a phone. The strip is a listbox:
 * arrow keys, a click or a tap choose a cell, whose value the readout shows
 * and a screen reader announces.
 *
 * @module
 */

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

/** Props of {@linkcode StripRow}: the strip's, and where the row starts. */
interface StripRowProps extends HeatStripProps {
  start: number;
  /** The signed scale's extent (1 for values in [0, 1]). */
  extent: number;
}

/** One row of cells, as one SVG. */
function StripRow(props: StripRowProps) {
  const { texts, name, values, start, perRow = 50 } = props;
  const cells = Math.min(perRow, props.length - start);
  return (
    <svg
      class="strip-row"
      viewBox={`0 0 ${cells * CELL} ${CELL}`}
      preserveAspectRatio="none"
      role="none"
      focusable="false"
    >
      {Array.from({ length: cells }, (_, k) => {
        const i = start + k;
        const value = formatValue(values[i]);
        const classes = [
          shadeOf(values[i], props.extent),
          i === props.marked ? "marked" : "",
          i === props.active ? "active" : "",
        ].join(" ").trim();
        return (
          <rect
            key={i}
            id={cellId(name, i)}
            role="option"
            aria-selected={i === props.active}
            aria-label={texts.cellValue(name, i, value)}
            x={k * CELL + GAP / 2}
            width={CELL - GAP}
            height={CELL}
            class={classes}
            data-index={i}
            data-value={value}
          />
        );
      })}
    </svg>
  );
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
  const { texts, name, length, values, signed = false, perRow = 50 } = props;
  const extent = signed ? extentOf(values) : 1;
  const starts = Array.from(
    { length: Math.ceil(length / perRow) },
    (_, r) => r * perRow,
  );
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
        {starts.map((start) => (
          <StripRow key={start} {...props} start={start} extent={extent} />
        ))}
      </div>
      {props.ticks && <Ticks length={length} marked={props.marked} />}
    </div>
  );
}
