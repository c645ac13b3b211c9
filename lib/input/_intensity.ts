/**
 * A picture's ink: each pixel's level, white on black as in MNIST, whatever
 * the paper, and the box that holds it (lib/input/preprocess.ts).
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";

/** An 8-bit RGBA image, row-major: `data.length` is `width * height * 4`. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** An ink bounding box in pixels: `left`/`top` inclusive, `right`/`bottom` exclusive. */
export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The least difference from the background, out of 255, that counts as ink. */
export const MIN_CONTRAST = 40;

/**
 * Checks that an image is 8-bit RGBA of positive integer size.
 *
 * @throws {TypeError} When the size is not a positive integer or `data` is not
 * `width * height * 4` bytes.
 */
export function checkRgbaImage(image: RgbaImage): void {
  const { width, height, data } = image ?? {};
  if (
    !Number.isInteger(width) || !Number.isInteger(height) || width <= 0 ||
    height <= 0
  ) {
    throw new TypeError(
      `Cannot read image: width and height must be positive integers, got ${width}×${height}`,
    );
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new TypeError("Cannot read image: data must be a Uint8Array of RGBA");
  }
  if (data.length !== width * height * 4) {
    throw new TypeError(
      `Cannot read image: ${width}×${height} RGBA needs ${
        width * height * 4
      } bytes, got ${data.length}`,
    );
  }
}

/**
 * The ink of each pixel, white on black as in MNIST: a `[height, width]` tensor in [0, 1].
 *
 * The level is the alpha channel when the background (the median of the border)
 * is see-through, else the Rec. 601 luminance (composited over white). The background
 * level is subtracted, on the side that makes the ink positive (dark ink on light paper
 * or light ink on dark). Levels no higher than the paper's noise (the border's
 * 99.5th percentile, or half of Otsu's threshold if larger) become 0 and the strokes'
 * typical level (the mean above Otsu's threshold) becomes 1. All 0 when nothing
 * differs from the background by {@linkcode MIN_CONTRAST} or more.
 *
 * @throws {TypeError} When the image is malformed (see {@linkcode checkRgbaImage}).
 */
export function intensity(image: RgbaImage): Tensor {
  checkRgbaImage(image);
  const { width, height, data } = image;
  const size = width * height;
  const level = new Uint8Array(size);
  const alpha = borderHistogram(data, { width, height, stride: 4, offset: 3 });
  if (quantile(alpha, 0.5) < 255) {
    for (let i = 0; i < size; i++) level[i] = data[i * 4 + 3];
  } else {
    for (let i = 0, p = 0; i < size; i++, p += 4) {
      const luma = (19595 * data[p] + 38470 * data[p + 1] +
        7471 * data[p + 2] + 32768) >>> 16;
      const opacity = data[p + 3];
      // over white: a hole in an opaque picture reads as paper
      level[i] = opacity === 255
        ? luma
        : (luma * opacity + 255 * (255 - opacity) + 127) / 255;
    }
  }
  const background = quantile(borderHistogram(level, { width, height }), 0.5);
  const histogram = new Float64Array(256);
  const light = background >= 128;
  for (let i = 0; i < size; i++) {
    const ink = light ? background - level[i] : level[i] - background;
    level[i] = ink > 0 ? ink : 0;
    histogram[level[i]]++;
  }
  const noise = quantile(borderHistogram(level, { width, height }), 0.995);
  const ramp = inkRamp(histogram, noise);
  const out = new Float32Array(size);
  if (ramp) {
    const [low, high] = ramp;
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) {
      table[v] = Math.min(1, Math.max(0, (v - low) / (high - low)));
    }
    for (let i = 0; i < size; i++) out[i] = table[level[i]];
  }
  return { data: out, shape: [height, width] };
}

/** The histogram of one byte of the outermost pixels (`stride` bytes a pixel). */
function borderHistogram(
  values: ArrayLike<number>,
  { width, height, stride = 1, offset = 0 }: {
    width: number;
    height: number;
    stride?: number;
    offset?: number;
  },
): Uint32Array {
  const histogram = new Uint32Array(256);
  const add = (i: number) => histogram[values[i * stride + offset]]++;
  for (let x = 0; x < width; x++) {
    add(x);
    if (height > 1) add((height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    add(y * width);
    if (width > 1) add(y * width + width - 1);
  }
  return histogram;
}

/** The least level with at least a fraction `q` of a histogram's count at or below it. */
function quantile(histogram: Uint32Array, q: number): number {
  const count = histogram.reduce((a, b) => a + b, 0);
  let seen = 0;
  for (let v = 0; v < 255; v++) {
    seen += histogram[v];
    if (seen >= q * count) return v;
  }
  return 255;
}

/**
 * The ink levels that map to 0 and to 1: the noise level, at least half of Otsu's
 * threshold and at most all of it; and the mean of the levels above the threshold
 * (the strokes). Undefined when no level reaches MIN_CONTRAST.
 */
function inkRamp(
  histogram: Float64Array,
  noise: number,
): [number, number] | undefined {
  let max = 255;
  while (max > 0 && histogram[max] === 0) max--;
  if (max < MIN_CONTRAST) return undefined;
  let total = 0;
  let sum = 0;
  for (let v = 0; v <= max; v++) {
    total += histogram[v];
    sum += v * histogram[v];
  }
  // Otsu: the split (levels ≤ t against > t) of greatest between-class
  // variance; across empty levels it ties, and the middle of the tie is taken
  let best = -1;
  let first = 0;
  let last = 0;
  let below = 0;
  let belowSum = 0;
  for (let t = 0; t < max; t++) {
    below += histogram[t];
    belowSum += t * histogram[t];
    const above = total - below;
    if (below === 0) continue;
    const gap = belowSum / below - (sum - belowSum) / above;
    const variance = below * above * gap * gap;
    if (variance > best) {
      best = variance;
      first = last = t;
    } else if (variance === best) {
      last = t;
    }
  }
  const threshold = Math.floor((first + last) / 2);
  let count = 0;
  let mass = 0;
  for (let v = threshold + 1; v <= max; v++) {
    count += histogram[v];
    mass += v * histogram[v];
  }
  const high = Math.max(mass / count, MIN_CONTRAST);
  const low = Math.min(Math.max(threshold / 2, noise), threshold, high - 1);
  return [low, high];
}

/**
 * The smallest box holding every pixel above 0 of a `[height, width]` tensor,
 * or `undefined` when every pixel is 0.
 */
export function inkBounds(ink: Tensor): Bounds | undefined {
  const [height, width] = ink.shape;
  const { data } = ink;
  let left = width;
  let right = 0;
  let top = height;
  let bottom = 0;
  for (let y = 0; y < height; y++) {
    const start = y * width;
    let first = 0;
    while (first < width && data[start + first] <= 0) first++;
    if (first === width) continue;
    let last = width - 1;
    while (data[start + last] <= 0) last--;
    if (y < top) top = y;
    bottom = y + 1;
    if (first < left) left = first;
    if (last + 1 > right) right = last + 1;
  }
  return top < bottom ? { left, top, right, bottom } : undefined;
}
