/**
 * One hidden neuron of the first layer opened up: its column of W1 as the
 * 28×28 picture it multiplies ("what this neuron looks for") and, for the
 * input shown, each pixel's share x·W1[:, j], whose sum plus b1[j] is a1[j].
 *
 * @module
 */

import { useEffect, useRef, useState } from "preact/hooks";
import { loadNeuron, type NeuronWeights } from "../explore_api.ts";
import { extentOf, signedRgb } from "./heat.ts";
import { formatValue } from "./heat_strip.tsx";
import type { Texts } from "../texts/mod.ts";
import { type Scheme, useScheme } from "./use_scheme.ts";

/** Props of {@linkcode NeuronView}. */
export interface NeuronViewProps {
  texts: Texts;
  /** The neuron, 0–49. */
  index: number;
  /** The 784 inputs. */
  input: ArrayLike<number>;
  onClose(): void;
}

/** A signed 28×28 picture on a canvas: blue above 0, red below. */
function SignedPicture(
  { values, label, scheme, testid }: {
    values: ArrayLike<number>;
    label: string;
    scheme: Scheme;
    testid: string;
  },
) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const extent = extentOf(values);
    const image = context.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      image.data.set([...signedRgb(values[i], extent, scheme), 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [values, scheme]);
  return (
    <canvas
      ref={canvas}
      width={28}
      height={28}
      class="neuron-picture"
      role="img"
      aria-label={label}
      data-testid={testid}
    />
  );
}

/** The neuron panel; loads the neuron's weights on first use. */
export function NeuronView(props: NeuronViewProps) {
  const { texts, index, input } = props;
  const scheme = useScheme();
  const [neuron, setNeuron] = useState<NeuronWeights | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    loadNeuron(index).then(
      (loaded) => live && setNeuron(loaded),
      (e) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [index]);
  const shown = neuron?.index === index ? neuron : null;
  const share = shown
    ? Float32Array.from(shown.weights, (w, p) => w * input[p])
    : null;
  const sum = share ? share.reduce((a, b) => a + b, 0) : 0;
  return (
    <div class="neuron" data-testid="neuron" aria-live="polite">
      <div class="neuron-head">
        <h3>{texts.neuronHeading(index)}</h3>
        <button
          type="button"
          class="button button-quiet"
          onClick={props.onClose}
        >
          {texts.neuronClose}
        </button>
      </div>
      <p class="neuron-intro">{texts.neuronIntro}</p>
      {error && <p class="error" role="alert">{texts.error(error)}</p>}
      {!shown && !error && <p class="muted">{texts.neuronLoading}</p>}
      {shown && share && (
        <>
          <div class="neuron-pictures">
            <figure>
              <SignedPicture
                values={shown.weights}
                label={texts.neuronWeights}
                scheme={scheme}
                testid="neuron-weights"
              />
              <figcaption>{texts.neuronWeights}</figcaption>
            </figure>
            <figure>
              <SignedPicture
                values={share}
                label={texts.neuronContribution}
                scheme={scheme}
                testid="neuron-share"
              />
              <figcaption>{texts.neuronContribution}</figcaption>
            </figure>
          </div>
          <p class="neuron-sum" data-testid="neuron-sum">
            {texts.neuronSum(
              formatValue(sum),
              formatValue(shown.bias),
              formatValue(sum + shown.bias),
            )}
          </p>
        </>
      )}
    </div>
  );
}
