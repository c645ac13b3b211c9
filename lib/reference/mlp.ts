/**
 * The book's chapter-3 forward pass in plain TypeScript, float32 like numpy's:
 * the independent reference that the onnxruntime-web path is checked against.
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";

/** The chapter-3 weights: W1 784×50, b1 50, W2 50×100, b2 100, W3 100×10, b3 10. */
export interface MlpWeights {
  W1: Tensor;
  b1: Tensor;
  W2: Tensor;
  b2: Tensor;
  W3: Tensor;
  b3: Tensor;
}

/** The activations of one forward pass, each N×width, as the book names them. */
export interface MlpActivations {
  a1: Tensor;
  z1: Tensor;
  a2: Tensor;
  z2: Tensor;
  a3: Tensor;
  y: Tensor;
}

/** The logistic function 1 / (1 + e^-x), elementwise, in a new array. */
export function sigmoid(x: Float32Array): Float32Array {
  return x.map((value) => 1 / (1 + Math.exp(-value)));
}

/**
 * Softmax of each row of an N×K array, with the row's maximum subtracted first
 * so that `exp` cannot overflow (the book's overflow countermeasure).
 */
export function softmax(x: Tensor): Tensor {
  const [n, k] = x.shape;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const input = x.data.subarray(i * k, (i + 1) * k);
    const max = input.reduce((a, b) => Math.max(a, b), -Infinity);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      out[i * k + j] = Math.exp(input[j] - max);
      sum += out[i * k + j];
    }
    for (let j = 0; j < k; j++) out[i * k + j] /= sum;
  }
  return { data: out, shape: [n, k] };
}

/**
 * x·W + b for an N×K input, K×M weights and M biases: each sum accumulated
 * in float64 and rounded once to float32 (at least as exact as numpy's float32 BLAS).
 *
 * @throws {TypeError} When the shapes do not chain.
 */
export function affine(x: Tensor, W: Tensor, b: Tensor): Tensor {
  const [n, k] = x.shape;
  const [k2, m] = W.shape;
  if (k !== k2 || b.data.length !== m) {
    throw new TypeError(
      `Cannot multiply [${x.shape}] by [${W.shape}] and add [${b.shape}]: shapes do not chain`,
    );
  }
  const out = new Float32Array(n * m);
  const acc = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let p = 0; p < k; p++) {
      const value = x.data[i * k + p];
      if (value === 0) continue;
      const offset = p * m;
      for (let j = 0; j < m; j++) acc[j] += value * W.data[offset + j];
    }
    for (let j = 0; j < m; j++) out[i * m + j] = acc[j] + b.data[j];
  }
  return { data: out, shape: [n, m] };
}

/**
 * The whole forward pass with every activation:
 * a1 = x·W1 + b1, z1 = sigmoid(a1), a2 = z1·W2 + b2, z2 = sigmoid(a2),
 * a3 = z2·W3 + b3, y = softmax(a3).
 *
 * @param x N×784 pixels in [0, 1].
 */
export function forwardMlp(weights: MlpWeights, x: Tensor): MlpActivations {
  const { W1, b1, W2, b2, W3, b3 } = weights;
  const a1 = affine(x, W1, b1);
  const z1 = { data: sigmoid(a1.data), shape: a1.shape };
  const a2 = affine(z1, W2, b2);
  const z2 = { data: sigmoid(a2.data), shape: a2.shape };
  const a3 = affine(z2, W3, b3);
  return { a1, z1, a2, z2, a3, y: softmax(a3) };
}

/** The book's `predict(network, x)`: N×784 pixels → N×10 probabilities. */
export function predictMlp(weights: MlpWeights, x: Tensor): Tensor {
  return forwardMlp(weights, x).y;
}
