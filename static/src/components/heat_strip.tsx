/**
 * One layer of the forward pass as a heat strip: one SVG rect per neuron,
 * coloured by its value through a fill attribute (no inline style, for the
 * CSP). Long layers are drawn as rows of `perRow` cells that wrap on a phone.
 *
 * @module
 */

import { extentOf, signedColour, unitColour } from "./heat.ts";

/** Props of {@linkcode HeatStrip}. */
export interface HeatStripProps {
  /** The layer's name as the book writes it: `z1`, `a3`, `y`. */
  name: string;
  /** Number of neurons. */
  length: number;
  /** The layer's values, or null: empty cells. */
  values: ArrayLike<number> | null;
  /** Weighted sums (a): a signed scale of ±max|a|; else values in [0, 1]. */
  signed?: boolean;
  /** Cells per row; a longer layer is split into rows that wrap. */
  perRow?: number;
  /** Digits 0–9 under the cells (the output layer). */
  ticks?: boolean;
  /** The cell to mark, e.g. the answer. */
  marked?: number | null;
  label: string;
}

const CELL = 10;
const GAP = 1.2;

function format(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** A strip of `length` cells, `data-value` on each once there are values. */
export function HeatStrip(props: HeatStripProps) {
  const { name, length, values, signed = false, perRow = 50 } = props;
  const extent = signed && values ? extentOf(values) : 1;
  const colour = (v: number) =>
    signed ? signedColour(v, extent) : unitColour(v);
  const rows = Array.from(
    { length: Math.ceil(length / perRow) },
    (_, r) => r * perRow,
  );
  return (
    <div
      class={`strip strip-${length}`}
      data-testid={`strip-${name}`}
      role="img"
      aria-label={props.label}
    >
      <div class="strip-rows">
        {rows.map((start) => {
          const cells = Math.min(perRow, length - start);
          return (
            <svg
              key={start}
              class="strip-row"
              viewBox={`0 0 ${cells * CELL} ${CELL}`}
              preserveAspectRatio="none"
              aria-hidden="true"
              focusable="false"
            >
              {Array.from({ length: cells }, (_, k) => {
                const i = start + k;
                const value = values?.[i];
                const known = value !== undefined;
                return (
                  <rect
                    key={i}
                    x={k * CELL + GAP / 2}
                    width={CELL - GAP}
                    height={CELL}
                    class={known
                      ? (i === props.marked ? "marked" : undefined)
                      : "empty"}
                    fill={known ? colour(value) : undefined}
                    data-value={known ? format(value) : undefined}
                  >
                    {known && (
                      <title>{`${name}[${i}] = ${value.toFixed(3)}`}</title>
                    )}
                  </rect>
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
