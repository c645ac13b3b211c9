/**
 * "One neuron, step by step": the book's predict() worked through in the
 * browser from the MLP's own weights, for a test image (the book's example,
 * image 11, to begin with: its ten probabilities beside the book's) or for
 * what is on the pad. Every control is a native input, so the keyboard and
 * a phone's number pad work as they do everywhere.
 *
 * @module
 */

import { useRef, useState } from "preact/hooks";
import type { Texts } from "../texts/mod.ts";
import { StepsView } from "./steps_view.tsx";
import { type StepsSource, useNear, useSteps } from "./use_steps.ts";

/** The book's example: test image 11. */
const BOOK_IMAGE = 11;

/** The book's probabilities for test image 11, as the README prints them. */
export const BOOK_PROBABILITIES = [
  "2.687e-03",
  "4.488e-04",
  "5.776e-02",
  "7.551e-04",
  "5.075e-03",
  "9.024e-03",
  "9.1198e-01",
  "1.968e-05",
  "1.222e-02",
  "3.451e-05",
] as const;

/** A whole number from an input, or undefined when it is not one in [0, max]. */
function wholeIn(text: string, max: number): number | undefined {
  const value = Number(text);
  return text.trim() !== "" && Number.isInteger(value) && value >= 0 &&
      value <= max
    ? value
    : undefined;
}

/** Props of {@linkcode NeuronSteps}. */
export interface NeuronStepsProps {
  texts: Texts;
  /** What is on the pad (a drawing or a test image), or null. */
  pad: ArrayLike<number> | null;
}

/** Props of {@linkcode Controls}. */
interface ControlsProps extends NeuronStepsProps {
  source: StepsSource;
  index: number;
  neuron: number;
  onSource(source: StepsSource): void;
  onNeuron(neuron: number): void;
}

/** The input (a test image by number, or the pad) and the neuron j. */
function Controls(props: ControlsProps) {
  const { texts, source, index } = props;
  const test = (next: number) => props.onSource({ kind: "test", index: next });
  return (
    <div class="steps-controls">
      <fieldset>
        <legend>{texts.steps.input}</legend>
        <label>
          <input
            type="radio"
            name="steps-source"
            checked={source.kind === "test"}
            onChange={() => test(index)}
            data-testid="steps-source-test"
          />
          {texts.steps.testImage}
        </label>
        <input
          type="number"
          min={0}
          max={9999}
          value={index}
          aria-label={texts.steps.testImageNumber}
          data-testid="steps-image"
          onInput={(event) => {
            const next = wholeIn(event.currentTarget.value, 9999);
            if (next !== undefined) test(next);
          }}
        />
        <label>
          <input
            type="radio"
            name="steps-source"
            checked={source.kind === "pad"}
            disabled={!props.pad}
            onChange={() => props.onSource({ kind: "pad" })}
            data-testid="steps-source-pad"
          />
          {texts.steps.pad}
        </label>
      </fieldset>
      <label class="steps-neuron">
        {texts.steps.neuron}
        <input
          type="number"
          min={0}
          max={49}
          value={props.neuron}
          data-testid="steps-neuron"
          onInput={(event) => {
            const next = wholeIn(event.currentTarget.value, 49);
            if (next !== undefined) props.onNeuron(next);
          }}
        />
      </label>
    </div>
  );
}

/** The section: the controls, then the steps once the weights have come. */
export function NeuronSteps({ texts, pad }: NeuronStepsProps) {
  const section = useRef<HTMLElement>(null);
  const [source, setSource] = useState<StepsSource>({
    kind: "test",
    index: BOOK_IMAGE,
  });
  const [index, setIndex] = useState(BOOK_IMAGE);
  const [neuron, setNeuron] = useState(0);
  const near = useNear(section);
  const onPad = source.kind === "pad";
  const { pass, neuron: sum, pixels, error } = useSteps({
    source,
    pad: onPad ? pad : null,
    neuron,
    wanted: near,
  });
  const choose = (next: StepsSource) => {
    if (next.kind === "test") setIndex(next.index);
    setSource(next);
  };
  return (
    <section
      class="card steps"
      data-testid="neuron-steps"
      aria-labelledby="steps-heading"
      ref={section}
    >
      <div class="section-head">
        <h2 id="steps-heading">{texts.steps.heading}</h2>
        <span class="muted">{texts.steps.note}</span>
      </div>
      <p>{texts.steps.intro}</p>
      <Controls
        texts={texts}
        pad={pad}
        source={source}
        index={index}
        neuron={neuron}
        onSource={choose}
        onNeuron={setNeuron}
      />
      {error && <p class="error" role="alert">{texts.error(error)}</p>}
      {onPad && !pad && <p class="muted">{texts.steps.padEmpty}</p>}
      {pass && sum && pixels
        ? (
          <StepsView
            texts={texts}
            pass={pass}
            neuron={sum}
            pixels={pixels}
            input={onPad ? "x" : `x[${index}]`}
            book={!onPad && index === BOOK_IMAGE ? BOOK_PROBABILITIES : null}
          />
        )
        : !error && !(onPad && !pad) && (
          <p class="muted" data-testid="steps-loading">{texts.steps.loading}</p>
        )}
    </section>
  );
}
