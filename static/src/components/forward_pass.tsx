/**
 * The MLP's forward pass as the data flows, in the book's notation (3.4):
 * x → a1 = x·W1 + b1 → z1 = sigmoid(a1) → … → y = softmax(a3), each layer a
 * heat strip whose cells can be read by pointer, keyboard and screen reader,
 * each weight matrix labelled with its shape. A cell of the first hidden layer
 * opens that neuron: what it looks for, and what the input gives it.
 *
 * @module
 */

import { useMemo, useRef, useState } from "preact/hooks";
import type { Texts } from "../texts/mod.ts";
import { extentOf } from "./heat.ts";
import { formatValue, HeatStrip } from "./heat_strip.tsx";
import { NeuronView } from "./neuron_view.tsx";
import { PixelCanvas } from "./pixel_canvas.tsx";
import type { ForwardView } from "./prediction_state.ts";
import { useLater } from "./use_later.ts";
import { useSeen } from "./use_seen.ts";
import { ValuesTable } from "./values_table.tsx";

/** Props of {@linkcode ForwardPass}. */
export interface ForwardPassProps {
  texts: Texts;
  /** The input, the MLP's layers and its probabilities; null before an answer. */
  forward: ForwardView | null;
}

/** A weighted-sum step: the layer's weight matrix and bias with their shapes. */
interface Affine {
  layer: 1 | 2 | 3;
  input: string;
  rows: number;
  columns: number;
}

const AFFINES: Affine[] = [
  { layer: 1, input: "x", rows: 784, columns: 50 },
  { layer: 2, input: "z1", rows: 50, columns: 100 },
  { layer: 3, input: "z2", rows: 100, columns: 10 },
];

/** The chosen cell: a layer's name and a neuron's index. */
interface Cell {
  name: string;
  index: number;
}

function AffineStep({ layer, input, rows, columns }: Affine) {
  return (
    <li class="flow-op">
      <span class="flow-arrow" aria-hidden="true">↓</span>
      <span class="flow-what">
        <code class="formula">
          {`a${layer} = ${input} · W${layer} + b${layer}`}
        </code>
        <span class="chip">
          {`W${layer} `}
          <code data-testid={`shape-W${layer}`}>{`${rows}×${columns}`}</code>
        </span>
        <span class="chip">
          {`b${layer} `}
          <code data-testid={`shape-b${layer}`}>{String(columns)}</code>
        </span>
        <span class="dims">
          {`1×${rows} · ${rows}×${columns} → 1×${columns}`}
        </span>
      </span>
    </li>
  );
}

function Activation(
  { formula, note }: { formula: string; note: string },
) {
  return (
    <li class="flow-op">
      <span class="flow-arrow" aria-hidden="true">↓</span>
      <span class="flow-what">
        <code class="formula">{formula}</code>
        <span class="muted">{note}</span>
      </span>
    </li>
  );
}

interface LayerProps {
  texts: Texts;
  name: string;
  values: ArrayLike<number>;
  signed?: boolean;
  ticks?: boolean;
  marked?: number | null;
  cell: Cell | null;
  onCell(cell: Cell): void;
}

function Layer(props: LayerProps) {
  const { texts, name, values } = props;
  // the signed scale's extent: the colours run from −range to +range
  const range = props.signed ? `±${extentOf(values).toFixed(1)}` : "";
  return (
    <li class="flow-value">
      <span class="flow-name">
        <var>{name}</var>
        <code class="shape">{`1×${values.length}`}</code>
        {range && <span class="range">{range}</span>}
      </span>
      <HeatStrip
        texts={texts}
        name={name}
        length={values.length}
        values={values}
        signed={props.signed}
        ticks={props.ticks}
        marked={props.marked}
        active={props.cell?.name === name ? props.cell.index : null}
        onActivate={(index) => props.onCell({ name, index })}
      />
    </li>
  );
}

/** The shades of a legend: 0 to 1, or −max through 0 to +max. */
const UNIT_SHADES = Array.from({ length: 11 }, (_, i) => `u${i}`);
const SIGNED_SHADES = [10, 8, 6, 4, 2].map((i) => `n${i}`)
  .concat([0, 2, 4, 6, 8, 10].map((i) => `u${i}`));

function Legend({ texts }: { texts: Texts }) {
  return (
    <p class="legend">
      {[[UNIT_SHADES, texts.legendUnit], [SIGNED_SHADES, texts.legendSigned]]
        .map(([shades, label]) => (
          <span key={label as string} class="legend-item">
            <svg class="legend-bar" viewBox="0 0 110 10" aria-hidden="true">
              {(shades as string[]).map((shade, i) => (
                <rect
                  key={shade}
                  class={shade}
                  x={i * 10}
                  width="10"
                  height="10"
                />
              ))}
            </svg>
            {label}
          </span>
        ))}
    </p>
  );
}

/** The input x: the 28 × 28 picture and the same 784 pixels in one row. */
function InputRow(
  { texts, input }: { texts: Texts; input: ArrayLike<number> },
) {
  return (
    <li class="flow-value">
      <span class="flow-name">
        <var>x</var>
        <code class="shape">1×784</code>
      </span>
      <span class="flow-input">
        <PixelCanvas
          pixels={input}
          class="flow-image"
          label={texts.inputLabel}
        />
        <span class="flow-flatten" aria-hidden="true">→</span>
        <PixelCanvas
          pixels={input}
          width={784}
          class="flow-flat"
          label={texts.flatLabel}
        />
      </span>
    </li>
  );
}

/** The same products for a batch of N images. */
function BatchShapes({ texts }: { texts: Texts }) {
  return (
    <p class="batch" data-testid="batch-shapes">
      <strong>{texts.batchLabel}</strong>{" "}
      {AFFINES.map(({ layer, rows, columns }) => (
        <code key={layer}>
          {`N×${rows} · ${rows}×${columns} → N×${columns}`}
        </code>
      ))} <span class="muted">{texts.batchShapesNote}</span>
    </p>
  );
}

/** Props of {@linkcode Flow}. */
interface FlowProps {
  texts: Texts;
  forward: ForwardView;
  /** The chosen cell (kept from one input to the next). */
  cell: Cell | null;
  onCell(cell: Cell | null): void;
}

/** The layers from x to y, the readout, the legend and every value as a table. */
function Flow({ texts, forward, cell, onCell: setCell }: FlowProps) {
  const { input, activations, probabilities } = forward;
  const answer = probabilities.indexOf(Math.max(...probabilities));
  const neuron = cell && (cell.name === "a1" || cell.name === "z1")
    ? cell.index
    : null;
  const layers: Record<string, ArrayLike<number>> = {
    ...activations,
    y: probabilities,
  };
  const readout = cell && layers[cell.name]
    ? texts.cellValue(
      cell.name,
      cell.index,
      formatValue(layers[cell.name][cell.index]),
    )
    : texts.readoutHint;
  const layer = (name: string, extra: Partial<LayerProps> = {}) => (
    <Layer
      texts={texts}
      name={name}
      values={layers[name]}
      cell={cell}
      onCell={setCell}
      {...extra}
    />
  );
  return (
    <>
      <p class="forward-intro">{texts.forwardIntro}</p>
      <ol class="flow">
        <InputRow texts={texts} input={input} />
        <AffineStep {...AFFINES[0]} />
        {layer("a1", { signed: true })}
        <Activation formula="z1 = sigmoid(a1)" note={texts.sigmoidNote} />
        {layer("z1")}
        {neuron !== null && (
          <li class="flow-neuron">
            <NeuronView
              texts={texts}
              index={neuron}
              input={input}
              onClose={() => setCell(null)}
            />
          </li>
        )}
        <AffineStep {...AFFINES[1]} />
        {layer("a2", { signed: true })}
        <Activation formula="z2 = sigmoid(a2)" note={texts.sigmoidNote} />
        {layer("z2")}
        <AffineStep {...AFFINES[2]} />
        {layer("a3", { signed: true, ticks: true })}
        <Activation formula="y = softmax(a3)" note={texts.softmaxNote} />
        {layer("y", { ticks: true, marked: answer })}
      </ol>
      <p class="readout" data-testid="readout" aria-hidden="true">
        {readout}
      </p>
      {neuron === null && <p class="muted hint-left">{texts.neuronPick}</p>}
      <Legend texts={texts} />
      <ValuesTable texts={texts} layers={layers} />
    </>
  );
}

/**
 * The forward-pass section: a short note until there is an input. It changes
 * when both models have answered, not with the first answer nor with other
 * state of the page: its elements are kept meanwhile, and Preact skips them.
 * Off the screen it does not follow the pen: it takes the answer of a
 * finished stroke once the page is idle (its cells are hundreds of
 * attributes, not for the answer's own task), or the newest once it comes
 * into view.
 */
export function ForwardPass(props: ForwardPassProps) {
  const { texts } = props;
  const [cell, setCell] = useState<Cell | null>(null);
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  const steady = useRef(props.forward);
  if (!props.forward?.moving) steady.current = props.forward;
  // off the screen, a finished stroke's answer comes in a task of its own
  const forward = useLater(seen ? props.forward : steady.current, seen);
  return useMemo(() => (
    <section
      ref={section}
      class="card forward"
      data-testid="forward-pass"
      aria-labelledby="forward-heading"
    >
      <div class="section-head">
        <h2 id="forward-heading">{texts.forwardHeading}</h2>
        <span class="muted">{texts.forwardNote}</span>
      </div>
      {forward
        ? <Flow texts={texts} forward={forward} cell={cell} onCell={setCell} />
        : <p class="muted flow-empty">{texts.forwardEmpty}</p>}
      <BatchShapes texts={texts} />
    </section>
  ), [texts, forward, cell]);
}
