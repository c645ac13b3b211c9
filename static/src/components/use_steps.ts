/**
 * What the steps view works through: the MLP's weights (fetched once the
 * section comes near the screen), the input — a test image by number, or
 * what is on the pad, followed once the pen rests — and the forward pass
 * computed from them with one neuron's sum in full.
 *
 * @module
 */

import { useEffect, useMemo, useState } from "preact/hooks";
import {
  type ForwardPass,
  forwardPass,
  type NeuronSum,
  neuronSum,
} from "../forward_steps.ts";
import { loadMlpWeights, type MlpLayers } from "../mlp_weights.ts";
import { testImage } from "../test_images.ts";

/** The input the steps work through. */
export type StepsSource =
  | { kind: "test"; index: number }
  | { kind: "pad" };

/** How long the pad's input must rest before the steps follow it. */
const PAD_REST_MS = 200;

/** Whether `element` has come within a screen of the viewport (once true, stays true). */
export function useNear(element: { current: Element | null }): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (near || !target) return;
    if (typeof IntersectionObserver === "undefined") return setNear(true);
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && setNear(true),
      { rootMargin: "100% 0px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [near]);
  return near;
}

/** The input's 784 pixels, or null while they load; a failure's message. */
function usePixels(
  source: StepsSource,
  pad: ArrayLike<number> | null,
  wanted: boolean,
): { pixels: ArrayLike<number> | null; error: string | null } {
  const [pixels, setPixels] = useState<ArrayLike<number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = source.kind === "test" ? source.index : -1;
  useEffect(() => {
    if (!wanted || key < 0) return;
    const abort = new AbortController();
    setError(null);
    testImage(key, abort.signal).then(
      (image) => setPixels(image.pixels),
      (e) => abort.signal.aborted || setError(String(e?.message ?? e)),
    );
    return () => abort.abort();
  }, [key, wanted]);
  useEffect(() => {
    if (source.kind !== "pad") return;
    // the pen's every move is the forward pass's to follow; the steps wait for it to rest
    const timer = setTimeout(() => setPixels(pad), PAD_REST_MS);
    return () => clearTimeout(timer);
  }, [source.kind, pad]);
  return { pixels, error };
}

/** What the steps view shows. */
export interface Steps {
  /** The forward pass, or null while the weights or the input load. */
  pass: ForwardPass | null;
  /** Neuron j's sum, term by term (with the pass). */
  neuron: NeuronSum | null;
  /** The pixels the steps are of. */
  pixels: ArrayLike<number> | null;
  error: string | null;
}

/** The weights once `wanted`, the chosen input, and the forward pass through neuron `j`. */
export function useSteps(
  { source, pad, neuron, wanted }: {
    source: StepsSource;
    pad: ArrayLike<number> | null;
    neuron: number;
    wanted: boolean;
  },
): Steps {
  const [layers, setLayers] = useState<MlpLayers | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted || layers) return;
    loadMlpWeights().then(
      setLayers,
      (e) => setFailure(String(e?.message ?? e)),
    );
  }, [wanted]);
  const { pixels, error } = usePixels(source, pad, wanted);
  // the pass changes with the input; a new neuron j recomputes its sum alone
  const pass = useMemo(
    () => layers && pixels ? forwardPass(layers, pixels) : null,
    [layers, pixels],
  );
  const sum = useMemo(
    () => layers && pixels ? neuronSum(pixels, layers, neuron) : null,
    [layers, pixels, neuron],
  );
  return { pass, neuron: sum, pixels, error: failure ?? error };
}
