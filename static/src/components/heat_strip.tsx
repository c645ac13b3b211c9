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
import type { Texts } from "./texts.ts";

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

/** A value as the strips print it: at most 4 decimals. */
export function formatValue(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A strip of `length` cells with `data-value` on each. */
export function HeatStrip(props: HeatStripProps) {
  const { texts, name, length, values, signed = false, perRow = 50 } = props;
  const extent = signed ? extentOf(values) : 1;
  const rows = Array.from(
    { length: Math.ceil(length / perRow) },
    (_, r) => r * perRow,
  );
  const id = (i: number) => `cell-${name}-${i}`;
  const move = (event: KeyboardEvent) => {
    const now = props.active ?? -1;
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: perRow,
      ArrowUp: -perRow,
    };
    let next: number | undefined;
    if (event.key in steps) next = now < 0 ? 0 : now + steps[event.key];
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = length - 1;
    if (next === undefined) return;
    event.preventDefault();
    props.onActivate(Math.min(length - 1, Math.max(0, next)));
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
          : id(props.active)}
        onKeyDown={move}
        onFocus={() => props.active === null && props.onActivate(0)}
        onClick={pick}
      >
        {rows.map((start) => {
          const cells = Math.min(perRow, length - start);
          return (
            <svg
              key={start}
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
                  shadeOf(values[i], extent),
                  i === props.marked ? "marked" : "",
                  i === props.active ? "active" : "",
                ].join(" ").trim();
                return (
                  <rect
                    key={i}
                    id={id(i)}
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
        })}
      </div>
      {props.ticks && (
        <div class="strip-ticks" aria-hidden="true">
          {Array.from(
            { length },
            (_, i) => (
              <span key={i} class={i === props.marked ? "marked" : undefined}>
                {i}
              </span>
            ),
          )}
        </div>
      )}
    </div>
  );
}
