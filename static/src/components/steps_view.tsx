/**
 * The book's predict() for one input, one line at a time: each line of its
 * code (ch03/neuralnet_mnist.py, and softmax as section 3.5.2 writes it)
 * beside what it computes here, with the real numbers — one hidden neuron's
 * sum term by term, the sigmoid curve with that neuron's dot, the ten scores
 * a3, and softmax's max subtraction, exp and Σ.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import type { ForwardPass, NeuronSum } from "../forward_steps.ts";
import type { Texts } from "../texts/mod.ts";
import { PixelCanvas } from "./pixel_canvas.tsx";
import { SigmoidCurve } from "./sigmoid_curve.tsx";

/** How many of a neuron's terms are shown before the full list. */
const TOP_TERMS = 5;

/** A value with 7 decimals: a1, a3 and the sums, to within 5e-8. */
export function fixed(value: number): string {
  return value.toFixed(7);
}

/** A value as numpy prints it, `9.119819e-01`: 7 significant digits. */
export function scientific(value: number): string {
  const [mantissa, exponent] = value.toExponential(6).split("e");
  const power = Number(exponent);
  return `${mantissa}e${power < 0 ? "-" : "+"}${
    String(Math.abs(power)).padStart(2, "0")
  }`;
}

/**
 * A table that may be wider than a phone: it scrolls on its own, and takes
 * the focus so that the keyboard can scroll it too.
 */
function Scroll(
  { label, children }: { label: string; children: ComponentChildren },
) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * A fold whose contents are made only once it is opened: a neuron's 784
 * terms and all 50 sums are there on request, not in every change of j.
 */
function Fold(
  { summary, testid, children }: {
    summary: string;
    testid: string;
    children: () => ComponentChildren;
  },
) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="steps-more"
      data-testid={testid}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}

/** One step: its line of the book's code, and what it computes. */
function Step(
  { code, children }: { code: string; children: ComponentChildren },
) {
  return (
    <li class="step">
      <pre class="step-code"><code>{code}</code></pre>
      <div class="step-work">{children}</div>
    </li>
  );
}

/** The terms of a neuron's sum as table rows: pixel, x, weight, product. */
function TermRows({ terms }: { terms: NeuronSum["terms"] }) {
  return (
    <>
      {terms.map((term) => (
        <tr key={term.pixel}>
          <th scope="row">{term.pixel}</th>
          <td>{fixed(term.x)}</td>
          <td>{fixed(term.weight)}</td>
          <td>{fixed(term.product)}</td>
        </tr>
      ))}
    </>
  );
}

/** A table of terms with its header. */
function TermTable(
  { texts, terms, j }: { texts: Texts; terms: NeuronSum["terms"]; j: number },
) {
  return (
    <Scroll label={`x[i] · W1[i, ${j}]`}>
      <table class="steps-table">
        <thead>
          <tr>
            <th scope="col">{texts.steps.pixel}</th>
            <th scope="col">x[i]</th>
            <th scope="col">{`W1[i, ${j}]`}</th>
            <th scope="col">{`x[i] · W1[i, ${j}]`}</th>
          </tr>
        </thead>
        <tbody>
          <TermRows terms={terms} />
        </tbody>
      </table>
    </Scroll>
  );
}

/** a1[j]: the largest terms, all of them on request, then Σ + b = a. */
function NeuronStep({ texts, neuron }: { texts: Texts; neuron: NeuronSum }) {
  const j = neuron.index;
  const largest = [...neuron.terms]
    .sort((a, b) => Math.abs(b.product) - Math.abs(a.product))
    .slice(0, TOP_TERMS);
  return (
    <Step code="a1 = np.dot(x, W1) + b1">
      <p>{texts.steps.sum(j, neuron.terms.length)}</p>
      <TermTable texts={texts} terms={largest} j={j} />
      <Fold
        summary={texts.steps.allTerms(neuron.terms.length)}
        testid="steps-terms"
      >
        {() => <TermTable texts={texts} terms={neuron.terms} j={j} />}
      </Fold>
      <p class="steps-equation" data-testid="steps-a1j" aria-live="polite">
        <code>{`Σ x·W1[:, ${j}] = ${fixed(neuron.sum)}`}</code>{" "}
        <code>{`+ b1[${j}] = ${fixed(neuron.bias)}`}</code>{" "}
        <code>{`→ a1[${j}] = ${fixed(neuron.a)}`}</code>
      </p>
    </Step>
  );
}

/** All 50 sums a1, the chosen neuron's marked. */
function FirstLayer(
  { texts, a1, j }: { texts: Texts; a1: Float32Array; j: number },
) {
  return (
    <Fold summary={texts.steps.layer1} testid="steps-layer1">
      {() => (
        <ol class="steps-values" start={0} data-testid="steps-a1">
          {Array.from(
            a1,
            (value, i) => (
              <li key={i} class={i === j ? "chosen" : undefined} value={i}>
                <code>{`a1[${i}] = `}</code>
                <code class="value">{fixed(value)}</code>
              </li>
            ),
          )}
        </ol>
      )}
    </Fold>
  );
}

/** The line, and the book's sigmoid (ch03/sigmoid.py). */
const SIGMOID_CODE = `z1 = sigmoid(a1)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))`;

/** The second hidden layer, and the output layer before softmax. */
const SECOND_LAYER_CODE = ["a2 = np.dot(z1, W2) + b2", "z2 = sigmoid(a2)"]
  .join("\n");
const OUTPUT_LAYER_CODE = ["a3 = np.dot(z2, W3) + b3", "y = softmax(a3)"]
  .join("\n");

/** z1[j] = sigmoid(a1[j]) with its curve. */
function SigmoidStep({ texts, neuron }: { texts: Texts; neuron: NeuronSum }) {
  const j = neuron.index;
  const [a, z] = [fixed(neuron.a), fixed(neuron.z)];
  return (
    <Step code={SIGMOID_CODE}>
      <p class="steps-equation">
        <code>
          {`z1[${j}] = sigmoid(${a}) = 1 / (1 + exp(${
            fixed(-neuron.a)
          })) = ${z}`}
        </code>
      </p>
      <SigmoidCurve a={neuron.a} z={neuron.z} label={texts.steps.curve(a, z)} />
      <p class="muted">{texts.steps.sigmoid}</p>
    </Step>
  );
}

/** Props of {@linkcode StepsView}. */
export interface StepsViewProps {
  texts: Texts;
  pass: ForwardPass;
  /** Neuron j of the first layer, its sum term by term. */
  neuron: NeuronSum;
  pixels: ArrayLike<number>;
  /** The code's name for the input: `x[11]` for a test image, `x` for a drawing. */
  input: string;
  /** The book's printed probabilities, when the input is its example. */
  book: readonly string[] | null;
}

/** Every step from x to the answer. */
export function StepsView(props: StepsViewProps) {
  const { texts, pass, neuron, book } = props;
  const ink = Array.from(props.pixels).filter((v) => v !== 0).length;
  // the layers after the first change with the input, not with j
  const rest = useMemo(
    () => <SoftmaxSteps texts={texts} pass={pass} book={book} />,
    [texts, pass, book],
  );
  return (
    <ol class="steps-list">
      <Step code={`y = predict(network, ${props.input})`}>
        <PixelCanvas
          pixels={props.pixels}
          class="steps-input"
          label={texts.inputLabel}
        />
        <p>{texts.steps.x(ink)}</p>
      </Step>
      <NeuronStep texts={texts} neuron={neuron} />
      <li class="step step-aside">
        <FirstLayer texts={texts} a1={pass.a1} j={neuron.index} />
      </li>
      <SigmoidStep texts={texts} neuron={neuron} />
      <Step code={SECOND_LAYER_CODE}>
        <p>{texts.steps.layer2}</p>
      </Step>
      {rest}
    </ol>
  );
}

/** Props of {@linkcode SoftmaxSteps} and its table. */
type SoftmaxProps = Pick<StepsViewProps, "texts" | "pass" | "book">;

/** a3, then softmax line by line, then the answer. */
function SoftmaxSteps({ texts, pass, book }: SoftmaxProps) {
  const { c, total, y } = pass.softmax;
  const top = pass.digit;
  return (
    <>
      <Step code={OUTPUT_LAYER_CODE}>
        <p>{texts.steps.layer3}</p>
      </Step>
      <Step code="c = np.max(a)">
        <p>
          <code>{`c = ${fixed(c)}`}</code> {texts.steps.max(top)}
        </p>
      </Step>
      <Step code="exp_a = np.exp(a - c)">
        <p>{texts.steps.exp}</p>
      </Step>
      <Step code="sum_exp_a = np.sum(exp_a)">
        <p>
          <code data-testid="steps-total">{`Σ = ${fixed(total)}`}</code>
        </p>
      </Step>
      <Step code="y = exp_a / sum_exp_a">
        <p>{texts.steps.divide}</p>
        <SoftmaxTable texts={texts} pass={pass} book={book} />
      </Step>
      <Step code="p = np.argmax(y)">
        <p data-testid="steps-answer">
          {texts.steps.answer(top, scientific(y[top]))}
        </p>
      </Step>
    </>
  );
}

/** One row a digit: a3, a − c, exp(a − c), y, and the book's y. */
function SoftmaxTable({ texts, pass, book }: SoftmaxProps) {
  const { shifted, exps, y } = pass.softmax;
  return (
    <Scroll label="softmax(a3)">
      <table class="steps-table" data-testid="steps-softmax">
        <thead>
          <tr>
            <th scope="col">{texts.steps.digit}</th>
            <th scope="col">a3</th>
            <th scope="col">a - c</th>
            <th scope="col">exp_a</th>
            <th scope="col">y</th>
            {book && <th scope="col">{texts.steps.book}</th>}
          </tr>
        </thead>
        <tbody>
          {y.map((p, k) => (
            <tr key={k} class={k === pass.digit ? "chosen" : undefined}>
              <th scope="row">{k}</th>
              <td data-column="a3">{fixed(pass.a3[k])}</td>
              <td>{fixed(shifted[k])}</td>
              <td>{scientific(exps[k])}</td>
              <td data-column="y">{scientific(p)}</td>
              {book && <td data-column="book">{book[k]}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
