/**
 * The confusion matrix as one ARIA grid: a single Tab stop (roving tabindex)
 * whose arrow keys move between the 100 cells, Home/End along a row,
 * Ctrl+Home/Ctrl+End to the corners, PageUp/PageDown to the top and bottom
 * row. A cell with images is a button that shows them in the gallery; an
 * empty one (0) is read but does nothing.
 *
 * @module
 */

import { useRef, useState } from "preact/hooks";
import type { Texts } from "../texts/mod.ts";

/** Shades of the heat map, as CSS classes (an inline style would break the CSP). */
export const HEAT_LEVELS = 8;

/** A cell of the grid: its row (the true label) and column (the answer). */
export type Cell = readonly [row: number, column: number];

/** Props of {@linkcode ConfusionMatrix}. */
export interface ConfusionMatrixProps {
  texts: Texts;
  confusion: number[][];
  /** The id of the heading that names the grid. */
  labelledBy: string;
  /** The cell whose images the gallery shows, if any. */
  chosen?: { label: number; predicted: number } | null;
  /** A cell with images was chosen: show them. */
  onCell?(label: number, predicted: number): void;
}

/** A cell's class: blue on the diagonal, red off it, stronger for more images (log scale); none for 0. */
function heat(value: number, max: number, right: boolean): string {
  if (value === 0) return "";
  const level = Math.max(
    1,
    Math.round(HEAT_LEVELS * Math.log1p(value) / Math.log1p(max)),
  );
  return `${right ? "right" : "wrong"}-${level}`;
}

/**
 * The cell a key moves to in a grid of `size` × `size` from `now`, or
 * undefined for a key the grid does not take. Moves stop at the edges.
 */
export function gridStep(
  key: { key: string; ctrlKey?: boolean; metaKey?: boolean },
  now: Cell,
  size: number,
): Cell | undefined {
  const [row, column] = now;
  const last = size - 1;
  const corner = key.ctrlKey || key.metaKey;
  const clamp = (v: number) => Math.max(0, Math.min(last, v));
  switch (key.key) {
    case "ArrowRight":
      return [row, clamp(column + 1)];
    case "ArrowLeft":
      return [row, clamp(column - 1)];
    case "ArrowDown":
      return [clamp(row + 1), column];
    case "ArrowUp":
      return [clamp(row - 1), column];
    case "Home":
      return corner ? [0, 0] : [row, 0];
    case "End":
      return corner ? [last, last] : [row, last];
    case "PageUp":
      return [0, column];
    case "PageDown":
      return [last, column];
  }
}

/** The cell an element of the grid belongs to, from its `data-cell`. */
function cellOf(target: EventTarget | null): Cell | undefined {
  const element = (target as Element | null)?.closest?.("[data-cell]");
  const [row, column] = (element?.getAttribute("data-cell") ?? "")
    .split(",").map(Number);
  return element ? [row, column] : undefined;
}

/** Props of {@linkcode GridCell}. */
interface GridCellProps {
  texts: Texts;
  value: number;
  cell: Cell;
  /** The heat map's class, if any. */
  shade: string;
  /** Whether this cell holds the grid's one Tab stop. */
  stop: boolean;
  pressed: boolean;
  onCell?: ConfusionMatrixProps["onCell"];
}

/** One cell: a button when it has images, the bare count 0 when not. */
function GridCell(props: GridCellProps) {
  const { texts, value, cell: [i, j] } = props;
  const tabindex = props.stop ? 0 : -1;
  return (
    <td
      role="gridcell"
      class={props.shade || undefined}
      data-cell={`${i},${j}`}
      tabindex={value === 0 ? tabindex : undefined}
    >
      {value === 0 ? "0" : (
        <button
          type="button"
          class="cell"
          tabindex={tabindex}
          data-testid="confusion-cell"
          data-label={i}
          data-predicted={j}
          aria-pressed={props.pressed}
          onClick={() => props.onCell?.(i, j)}
        >
          {value}
          <span class="visually-hidden">
            {`: ${texts.labelAxis} ${i}, ${texts.predictionAxis} ${j}`}
          </span>
        </button>
      )}
    </td>
  );
}

/** Rows: the true label; columns: the answer; a cell with images opens them. */
export function ConfusionMatrix(props: ConfusionMatrixProps) {
  const { texts, confusion, chosen } = props;
  const [active, setActive] = useState<Cell>([0, 0]);
  const grid = useRef<HTMLTableElement>(null);
  const maxRight = Math.max(...confusion.map((row, i) => row[i]));
  const maxWrong = Math.max(
    1,
    ...confusion.flatMap((row, i) => row.filter((_, j) => j !== i)),
  );
  const move = (event: KeyboardEvent) => {
    const now = cellOf(event.target);
    const next = now && gridStep(event, now, confusion.length);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    const cell = grid.current?.querySelector(`[data-cell="${next}"]`);
    (cell?.querySelector("button") ?? cell as HTMLElement | null)?.focus();
  };
  return (
    <div class="table-scroll">
      <table
        class="confusion"
        role="grid"
        data-testid="confusion"
        aria-labelledby={props.labelledBy}
        aria-describedby="confusion-caption"
        ref={grid}
        onKeyDown={move}
        onFocusIn={(event) => {
          const now = cellOf(event.target);
          if (now) setActive(now);
        }}
      >
        <caption id="confusion-caption">{texts.confusionCaption}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              {texts.labelAxis} \ {texts.predictionAxis}
            </th>
            {confusion.map((_, j) => <th key={j} scope="col">{j}</th>)}
          </tr>
        </thead>
        <tbody>
          {confusion.map((row, i) => (
            <tr key={i}>
              <th scope="row">{i}</th>
              {row.map((value, j) => (
                <GridCell
                  key={j}
                  texts={texts}
                  value={value}
                  cell={[i, j]}
                  shade={heat(value, i === j ? maxRight : maxWrong, i === j)}
                  stop={active[0] === i && active[1] === j}
                  pressed={chosen?.label === i && chosen?.predicted === j}
                  onCell={props.onCell}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
