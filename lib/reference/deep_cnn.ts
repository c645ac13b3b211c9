/**
 * The book's chapter-8 DeepConvNet forward pass in plain TypeScript, float64
 * like the book's numpy code: the reference the ONNX model is checked against.
 *
 * @module
 */

import { checkShapes, DEEP_CONVNET_SHAPES } from "../convert/mod.ts";
import type { NumericArray, Tensor } from "../tensor.ts";

// Written out again rather than shared with the converter, so that the
// reference stays an independent reading of the book's conv_param_1…6.
const PADS = [1, 1, 1, 2, 1, 1];

/** Feature maps of one image: C×H×W values, row-major, float64. */
export interface FeatureMaps {
  data: Float64Array;
  shape: [channels: number, height: number, width: number];
}

/** Weights with a shape: a pickle's float64 array or a float32 tensor. */
export type Weight = Tensor<NumericArray>;

/** Options of {@linkcode conv2d}. */
export interface ConvOptions {
  /** Weights (out, in, kh, kw); a cross-correlation, as the book's Convolution. */
  W: Weight;
  /** One bias per output channel. */
  b: Weight;
  /** Zeros added on every side of each input map. */
  pad: number;
}

/**
 * A stride-1 convolution (cross-correlation) of C×H×W maps with zero padding:
 * out[o, y, x] = b[o] + Σ W[o, c, i, j] · in[c, y + i − pad, x + j − pad].
 *
 * @returns out × (H + 2·pad − kh + 1) × (W + 2·pad − kw + 1) maps.
 * @throws {TypeError} When the weights' input channels are not the maps' channels.
 */
export function conv2d(input: FeatureMaps, options: ConvOptions): FeatureMaps {
  const { W, b, pad } = options;
  const [channels, height, width] = input.shape;
  const [outChannels, inChannels, kh, kw] = W.shape;
  if (inChannels !== channels || b.data.length !== outChannels) {
    throw new TypeError(
      `Cannot convolve [${input.shape}] with [${W.shape}] and [${b.shape}]: channels do not match`,
    );
  }
  const paddedHeight = height + 2 * pad;
  const paddedWidth = width + 2 * pad;
  const padded = new Float64Array(channels * paddedHeight * paddedWidth);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * height + y) * width;
      padded.set(
        input.data.subarray(from, from + width),
        (c * paddedHeight + y + pad) * paddedWidth + pad,
      );
    }
  }
  const outHeight = paddedHeight - kh + 1;
  const outWidth = paddedWidth - kw + 1;
  const out = new Float64Array(outChannels * outHeight * outWidth);
  for (let o = 0; o < outChannels; o++) {
    const map = out.subarray(
      o * outHeight * outWidth,
      (o + 1) * outHeight * outWidth,
    );
    map.fill(b.data[o]);
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const w = W.data[((o * channels + c) * kh + i) * kw + j];
          for (let y = 0; y < outHeight; y++) {
            const from = (c * paddedHeight + y + i) * paddedWidth + j;
            const to = y * outWidth;
            for (let x = 0; x < outWidth; x++) {
              map[to + x] += w * padded[from + x];
            }
          }
        }
      }
    }
  }
  return { data: out, shape: [outChannels, outHeight, outWidth] };
}

/** max(0, x) of every value, in place; returns its argument. */
export function relu<T extends { data: Float64Array }>(maps: T): T {
  const { data } = maps;
  for (let i = 0; i < data.length; i++) if (data[i] < 0) data[i] = 0;
  return maps;
}

/**
 * A 2×2 max pool with stride 2 of each map (the book's Pooling(2, 2, stride=2)).
 *
 * @throws {RangeError} When a map's height or width is odd.
 */
export function maxPool2d(input: FeatureMaps): FeatureMaps {
  const [channels, height, width] = input.shape;
  if (height % 2 !== 0 || width % 2 !== 0) {
    throw new RangeError(
      `Cannot pool ${height}×${width} maps 2×2: height and width must be even`,
    );
  }
  const outHeight = height / 2;
  const outWidth = width / 2;
  const out = new Float64Array(channels * outHeight * outWidth);
  const { data } = input;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        const top = (c * height + 2 * y) * width + 2 * x;
        out[(c * outHeight + y) * outWidth + x] = Math.max(
          data[top],
          data[top + 1],
          data[top + width],
          data[top + width + 1],
        );
      }
    }
  }
  return { data: out, shape: [channels, outHeight, outWidth] };
}

/** x·W + b for one vector x of K values, K×M weights W and M biases. */
function affine(x: Float64Array, W: Weight, b: Weight): Float64Array {
  const [k, m] = W.shape;
  const out = Float64Array.from(b.data);
  for (let p = 0; p < k; p++) {
    const value = x[p];
    if (value === 0) continue;
    for (let j = 0; j < m; j++) out[j] += value * W.data[p * m + j];
  }
  return out;
}

/**
 * The book's DeepConvNet `predict(x)` followed by softmax, every sum in float64:
 * (conv → relu → conv → relu → pool) × 3 with pads 1, 1 | 1, 2 | 1, 1, flatten
 * (C, H, W), ·W7 + b7 → relu → ×0.5 → ·W8 + b8 → ×0.5 → softmax.
 *
 * @param weights W1…W8, b1…b8 as the pickle holds them (float64 or float32).
 * @param x N×784 pixels in [0, 1] (or N×1×28×28).
 * @returns N×10 probabilities, rounded to float32.
 * @throws {TypeError} When a weight is missing or misshapen, or x is not N×784.
 */
export function predictDeepConvNet(
  weights: Record<string, Weight>,
  x: Tensor,
): Tensor {
  checkShapes(weights, DEEP_CONVNET_SHAPES);
  const n = x.shape[0];
  if (x.data.length !== n * 784) {
    throw new TypeError(
      `Cannot predict: N×784 pixels expected, got shape [${x.shape}]`,
    );
  }
  const out = new Float32Array(n * 10);
  for (let image = 0; image < n; image++) {
    let maps: FeatureMaps = {
      data: Float64Array.from(x.data.subarray(image * 784, (image + 1) * 784)),
      shape: [1, 28, 28],
    };
    for (let layer = 1; layer <= 6; layer++) {
      maps = relu(conv2d(maps, {
        W: weights[`W${layer}`],
        b: weights[`b${layer}`],
        pad: PADS[layer - 1],
      }));
      if (layer % 2 === 0) maps = maxPool2d(maps);
    }
    const hidden = relu({ data: affine(maps.data, weights.W7, weights.b7) });
    const scores = affine(
      hidden.data.map((v) => v * 0.5),
      weights.W8,
      weights.b8,
    )
      .map((v) => v * 0.5);
    const max = Math.max(...scores);
    const exps = scores.map((v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    for (let j = 0; j < 10; j++) out[image * 10 + j] = exps[j] / sum;
  }
  return { data: out, shape: [n, 10] };
}
