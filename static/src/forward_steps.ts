/**
 * The book's predict() worked through for one input, every number kept: the
 * terms x·W1[:, j] of one hidden neuron's sum, each layer's values, and
 * softmax's steps (the maximum subtracted, exp, Σ). The page's steps view
 * shows them; float32 arrays as numpy's, each sum accumulated in float64 and
 * rounded once, so the values are the book's to within float32's rounding.
 *
 * @module
 */

import type { MlpLayers } from "../../lib/assets/weights.ts";
import type { Tensor } from "../../lib/tensor.ts";

/** One term of a neuron's sum: input `pixel`'s value times its weight. */
export interface Term {
  pixel: number;
  x: number;
  weight: number;
  product: number;
}

/** a1[j] = Σ x·W1[:, j] + b1[j], its parts in the order they are added. */
export interface NeuronSum {
  /** The neuron's index j. */
  index: number;
  /** The terms whose input is not 0 (the others add nothing). */
  terms: Term[];
  /** Σ x·W1[:, j], in float64. */
  sum: number;
  /** b1[j]. */
  bias: number;
  /** a1[j]: sum + bias, rounded to float32. */
  a: number;
  /** z1[j] = sigmoid(a1[j]). */
  z: number;
}

/** softmax(a3) as the book computes it (3.5.2), every step kept. */
export interface SoftmaxSteps {
  /** c = max(a3), subtracted first so that exp cannot overflow. */
  c: number;
  /** a3 − c: each at most 0. */
  shifted: number[];
  /** exp(a3 − c): each in (0, 1]. */
  exps: number[];
  /** Σ exp(a3 − c). */
  total: number;
  /** y = exp(a3 − c) / Σ: ten probabilities that add up to 1. */
  y: number[];
}

/** The whole forward pass of one input, every layer kept. */
export interface ForwardPass {
  a1: Float32Array;
  z1: Float32Array;
  a2: Float32Array;
  z2: Float32Array;
  a3: Float32Array;
  softmax: SoftmaxSteps;
  /** np.argmax(y): the answer. */
  digit: number;
}

/** sigmoid(a) = 1 / (1 + exp(−a)), rounded to float32 as numpy's float32 arrays are. */
export function sigmoid(a: number): number {
  return Math.fround(1 / (1 + Math.exp(-a)));
}

/**
 * x·W + b for one input of K values, K×M weights and M biases: each sum
 * accumulated in float64 over the inputs in order and rounded once.
 *
 * @throws {TypeError} When the shapes do not chain.
 */
export function affine(
  x: ArrayLike<number>,
  W: Tensor,
  b: Tensor,
): Float32Array {
  const [k, m] = W.shape;
  if (x.length !== k || b.data.length !== m) {
    throw new TypeError(
      `Cannot multiply ${x.length} values by [${W.shape}] and add [${b.shape}]: shapes do not chain`,
    );
  }
  const sums = new Float64Array(m);
  for (let p = 0; p < k; p++) {
    const value = x[p];
    if (value === 0) continue;
    for (let j = 0; j < m; j++) sums[j] += value * W.data[p * m + j];
  }
  return Float32Array.from(sums, (sum, j) => sum + b.data[j]);
}

/**
 * Neuron `j` of the first layer: its sum term by term, in the order
 * {@linkcode affine} adds them, so that `a` is a1[j] to the bit.
 *
 * @throws {RangeError} When `j` is not a neuron of W1.
 */
export function neuronSum(
  x: ArrayLike<number>,
  { W1, b1 }: Pick<MlpLayers, "W1" | "b1">,
  j: number,
): NeuronSum {
  const [k, m] = W1.shape;
  if (!Number.isInteger(j) || j < 0 || j >= m) {
    throw new RangeError(
      `Cannot take neuron ${j}: neurons run from 0 to ${m - 1}`,
    );
  }
  const terms: Term[] = [];
  let sum = 0;
  for (let pixel = 0; pixel < k; pixel++) {
    if (x[pixel] === 0) continue;
    const weight = W1.data[pixel * m + j];
    const product = x[pixel] * weight;
    terms.push({ pixel, x: x[pixel], weight, product });
    sum += product;
  }
  const bias = b1.data[j];
  const a = Math.fround(sum + bias);
  return { index: j, terms, sum, bias, a, z: sigmoid(a) };
}

/** softmax(a3) step by step, in float64: c = max, exp(a − c), Σ, exp / Σ. */
export function softmaxSteps(a3: ArrayLike<number>): SoftmaxSteps {
  const values = Array.from(a3);
  const c = Math.max(...values);
  const shifted = values.map((a) => a - c);
  const exps = shifted.map(Math.exp);
  const total = exps.reduce((sum, e) => sum + e, 0);
  return { c, shifted, exps, total, y: exps.map((e) => e / total) };
}

/**
 * The book's predict(network, x) for one input of 784 pixels in [0, 1],
 * every layer kept ({@linkcode neuronSum} details one neuron of the first).
 *
 * @throws {TypeError} When `x` is not 784 values.
 */
export function forwardPass(
  layers: MlpLayers,
  x: ArrayLike<number>,
): ForwardPass {
  const a1 = affine(x, layers.W1, layers.b1);
  const z1 = a1.map(sigmoid);
  const a2 = affine(z1, layers.W2, layers.b2);
  const z2 = a2.map(sigmoid);
  const a3 = affine(z2, layers.W3, layers.b3);
  const softmax = softmaxSteps(a3);
  return {
    a1,
    z1,
    a2,
    z2,
    a3,
    softmax,
    digit: softmax.y.indexOf(Math.max(...softmax.y)),
  };
}
