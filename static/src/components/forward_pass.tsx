/**
 * The MLP's forward pass as the data flows, in the book's notation (3.4):
 * x → a1 = x·W1 + b1 → z1 = sigmoid(a1) → … → y = softmax(a3), each layer a
 * heat strip, each weight matrix labelled with its shape.
 *
 * @module
 */

import type { Activations } from "../api.ts";
import { extentOf, legendStops } from "./heat.ts";
import { HeatStrip } from "./heat_strip.tsx";
import { PixelCanvas } from "./pixel_canvas.tsx";
import type { Texts } from "./texts.ts";

/** Props of {@linkcode ForwardPass}. */
export interface ForwardPassProps {
  texts: Texts;
  /** The 784 inputs, or null while nothing is drawn or chosen. */
  input: ArrayLike<number> | null;
  /** The MLP's layers for `input`. */
  activations: Activations | null;
  /** softmax(a3): the MLP's ten probabilities. */
  probabilities: number[] | null;
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
  values: ArrayLike<number> | null;
  length: number;
  signed?: boolean;
  ticks?: boolean;
  marked?: number | null;
}

function Layer(props: LayerProps) {
  const { texts, name, values, length } = props;
  // the signed scale's extent: the colours run from −range to +range
  const range = values && props.signed ? `±${extentOf(values).toFixed(1)}` : "";
  return (
    <li class="flow-value">
      <span class="flow-name">
        <var>{name}</var>
        <code class="shape">{`1×${length}`}</code>
        {range && <span class="range">{range}</span>}
      </span>
      <HeatStrip
        name={name}
        length={length}
        values={values}
        signed={props.signed}
        ticks={props.ticks}
        marked={props.marked}
        label={texts.stripLabel(name, length, props.signed ?? false)}
      />
    </li>
  );
}

function Legend({ texts }: { texts: Texts }) {
  return (
    <p class="legend">
      {([false, true] as const).map((signed) => {
        const id = signed ? "legend-signed" : "legend-unit";
        const stops = legendStops(signed);
        return (
          <span key={id} class="legend-item">
            <svg
              class="legend-bar"
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              aria-hidden="true"
              focusable="false"
            >
              <defs>
                <linearGradient id={id}>
                  {stops.map((colour, i) => (
                    <stop
                      key={i}
                      offset={i / (stops.length - 1)}
                      stop-color={colour}
                    />
                  ))}
                </linearGradient>
              </defs>
              <rect width="100" height="10" fill={`url(#${id})`} />
            </svg>
            {signed ? texts.legendSigned : texts.legendUnit}
          </span>
        );
      })}
    </p>
  );
}

/** The forward-pass section. */
export function ForwardPass(
  { texts, input, activations: act, probabilities }: ForwardPassProps,
) {
  const answer = probabilities
    ? probabilities.indexOf(Math.max(...probabilities))
    : null;
  return (
    <section
      class="card forward"
      data-testid="forward-pass"
      aria-labelledby="forward-heading"
    >
      <div class="section-head">
        <h2 id="forward-heading">{texts.forwardHeading}</h2>
        <span class="muted">{texts.forwardNote}</span>
      </div>
      <p class="forward-intro">{texts.forwardIntro}</p>
      <ol class="flow">
        <li class="flow-value">
          <span class="flow-name">
            <var>x</var>
            <code class="shape">1×784</code>
          </span>
          <span class="flow-input">
            <PixelCanvas pixels={input} class="flow-image" />
            <span class="flow-flatten" aria-hidden="true">→</span>
            <PixelCanvas
              pixels={input}
              width={784}
              class="flow-flat"
              label={texts.flatLabel}
            />
          </span>
        </li>
        <AffineStep {...AFFINES[0]} />
        <Layer
          texts={texts}
          name="a1"
          length={50}
          values={act?.a1 ?? null}
          signed
        />
        <Activation formula="z1 = sigmoid(a1)" note={texts.sigmoidNote} />
        <Layer texts={texts} name="z1" length={50} values={act?.z1 ?? null} />
        <AffineStep {...AFFINES[1]} />
        <Layer
          texts={texts}
          name="a2"
          length={100}
          values={act?.a2 ?? null}
          signed
        />
        <Activation formula="z2 = sigmoid(a2)" note={texts.sigmoidNote} />
        <Layer texts={texts} name="z2" length={100} values={act?.z2 ?? null} />
        <AffineStep {...AFFINES[2]} />
        <Layer
          texts={texts}
          name="a3"
          length={10}
          values={act?.a3 ?? null}
          signed
          ticks
        />
        <Activation formula="y = softmax(a3)" note={texts.softmaxNote} />
        <Layer
          texts={texts}
          name="y"
          length={10}
          values={act ? probabilities : null}
          ticks
          marked={answer}
        />
      </ol>
      {!act && <p class="muted flow-empty">{texts.forwardEmpty}</p>}
      <Legend texts={texts} />
      <p class="batch" data-testid="batch-shapes">
        <strong>{texts.batchLabel}</strong>{" "}
        {AFFINES.map(({ layer, rows, columns }) => (
          <code key={layer}>
            {`N×${rows} · ${rows}×${columns} → N×${columns}`}
          </code>
        ))} <span class="muted">{texts.batchNote}</span>
      </p>
    </section>
  );
}
