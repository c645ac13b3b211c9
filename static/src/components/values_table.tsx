/**
 * Every value of the forward pass as tables, one per layer, behind a
 * disclosure: the strips' numbers for a screen reader or a careful reader.
 *
 * @module
 */

import { useState } from "preact/hooks";
import { formatValue } from "./heat_strip.tsx";
import type { Texts } from "../texts/mod.ts";

/** Props of {@linkcode ValuesTable}. */
export interface ValuesTableProps {
  texts: Texts;
  /** The layers by the book's names: a1, z1, a2, z2, a3, y. */
  layers: Record<string, ArrayLike<number>>;
}

const PAIRS: [string, string][] = [["a1", "z1"], ["a2", "z2"], ["a3", "y"]];

/**
 * A closed <details> holding one table per layer: neuron, a, z. Its 160
 * rows are made only while it is open, not with every answer.
 */
export function ValuesTable({ texts, layers }: ValuesTableProps) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="values"
      data-testid="values-table"
      onToggle={(event) =>
        setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{texts.valuesTable}</summary>
      {open && (
        <div class="values-tables">
          {PAIRS.map(([a, z]) => (
            <table key={a}>
              <caption>{`${a}, ${z}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{texts.neuronColumn}</th>
                  <th scope="col">{a}</th>
                  <th scope="col">{z}</th>
                </tr>
              </thead>
              <tbody>
                {Array.from(layers[a], (value, i) => (
                  <tr key={i}>
                    <th scope="row">{i}</th>
                    <td>{formatValue(value)}</td>
                    <td>{formatValue(layers[z][i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      )}
    </details>
  );
}
