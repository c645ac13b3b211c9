/**
 * MNIST's own preprocessing, for any picture of a digit: ink from alpha or
 * luminance, background removed, cropped, area-scaled into 20×20, centred by
 * mass in 28×28. Pure TypeScript over RGBA arrays, so the server and the page
 * share it.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
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

/** Options of {@linkcode resizeArea}. */
export interface ResizeOptions {
  /** Width of the result in pixels, a positive integer. */
  width: number;
  /** Height of the result in pixels, a positive integer. */
  height: number;
  /** The region of the source to scale; the whole source when omitted. */
  bounds?: Bounds;
}

/** The side of MNIST's frame: 28 pixels. */
export const FRAME_SIZE = 28;
/** The side of the box MNIST scales each digit into (its longer side): 20 pixels. */
export const DIGIT_SIZE = 20;
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

/**
 * Scales a region of a `[height, width]` tensor to `width`×`height` by area
 * averaging: each result pixel is the mean of the source area it covers,
 * fractional pixels weighted by their covered fraction (a box filter, as for
 * anti-aliased downscaling). Returns a `[options.height, options.width]` tensor.
 *
 * @throws {TypeError} When the size is not a positive integer or a bound not an integer.
 * @throws {RangeError} When the bounds are empty or outside the source.
 */
export function resizeArea(source: Tensor, options: ResizeOptions): Tensor {
  const [sourceHeight, sourceWidth] = source.shape;
  const { width, height } = options;
  const bounds = options.bounds ??
    { left: 0, top: 0, right: sourceWidth, bottom: sourceHeight };
  if (
    !Number.isInteger(width) || !Number.isInteger(height) || width <= 0 ||
    height <= 0
  ) {
    throw new TypeError(
      `Cannot resize: width and height must be positive integers, got ${width}×${height}`,
    );
  }
  const { left, top, right, bottom } = bounds;
  if (![left, top, right, bottom].every(Number.isInteger)) {
    throw new TypeError(
      `Cannot resize: bounds must be whole pixels, got [${left}, ${top}, ${right}, ${bottom}]`,
    );
  }
  if (
    !(left >= 0 && top >= 0 && right <= sourceWidth && bottom <= sourceHeight &&
      left < right && top < bottom)
  ) {
    throw new RangeError(
      `Cannot resize: bounds [${left}, ${top}, ${right}, ${bottom}] are empty or outside ${sourceWidth}×${sourceHeight}`,
    );
  }
  const columns = boxTaps(right - left, width);
  const rowTaps = boxTaps(bottom - top, height);
  // rows first: each source row of the region shrinks to `width` values
  const across = new Float64Array((bottom - top) * width);
  for (let y = top; y < bottom; y++) {
    const from = y * sourceWidth + left;
    const to = (y - top) * width;
    for (let x = 0; x < width; x++) {
      const { start, weights } = columns[x];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) {
        sum += weights[k] * source.data[from + start + k];
      }
      across[to + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const { start, weights } = rowTaps[y];
    for (let k = 0; k < weights.length; k++) {
      const from = (start + k) * width;
      const weight = weights[k];
      for (let x = 0; x < width; x++) {
        out[y * width + x] += weight * across[from + x];
      }
    }
  }
  return { data: out, shape: [height, width] };
}

/** For each of `to` cells over `from` pixels: the first pixel and the weights (summing to 1). */
function boxTaps(from: number, to: number) {
  const step = from / to;
  return Array.from({ length: to }, (_, i) => {
    const begin = i * step;
    const end = (i + 1) * step;
    const start = Math.floor(begin);
    const stop = Math.min(Math.ceil(end), from);
    const weights = new Float64Array(stop - start);
    for (let p = start; p < stop; p++) {
      weights[p - start] = (Math.min(end, p + 1) - Math.max(begin, p)) / step;
    }
    return { start, weights };
  });
}

/**
 * The intensity-weighted mean position of a `[height, width]` tensor, in pixel
 * indices (column `x`, row `y`), as MNIST measures it.
 *
 * @throws {RangeError} When the tensor has no mass (every pixel is 0).
 */
export function centreOfMass(ink: Tensor): { x: number; y: number } {
  const [height, width] = ink.shape;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = ink.data[y * width + x];
      mass += value;
      sumX += value * x;
      sumY += value * y;
    }
  }
  if (!(mass > 0)) {
    throw new RangeError(
      "Cannot find the centre of mass: the image has no ink",
    );
  }
  return { x: sumX / mass, y: sumY / mass };
}

/**
 * Places a digit in a `size`×`size` frame (28 by default) so that its centre of
 * mass lands on pixel (size/2, size/2), shifting by whole pixels and clipping
 * what falls outside. Returns a `[size, size]` tensor.
 *
 * @throws {RangeError} When the digit has no ink.
 */
export function centreByMass(digit: Tensor, size = FRAME_SIZE): Tensor {
  const [height, width] = digit.shape;
  const centre = centreOfMass(digit);
  const shiftX = Math.round(size / 2 - centre.x);
  const shiftY = Math.round(size / 2 - centre.y);
  const out = new Float32Array(size * size);
  for (let y = Math.max(0, -shiftY); y < height; y++) {
    const toY = y + shiftY;
    if (toY >= size) break;
    for (let x = Math.max(0, -shiftX); x < width; x++) {
      const toX = x + shiftX;
      if (toX >= size) break;
      out[toY * size + toX] = digit.data[y * width + x];
    }
  }
  return { data: out, shape: [size, size] };
}

/**
 * Turns a picture of one digit into the network's input, made as MNIST was:
 * {@linkcode intensity}, crop to {@linkcode inkBounds}, {@linkcode resizeArea} so
 * the longer side is 20 pixels (aspect kept), stretch so the darkest stroke is 1,
 * and {@linkcode centreByMass} in 28×28.
 *
 * @returns 784 values in [0, 1], row-major 28×28, white digit on black.
 * @throws {ClientError} 422 when the image has no ink (nothing was drawn).
 * @throws {TypeError} When the image is malformed (the caller's bug: see
 * {@linkcode checkRgbaImage}).
 *
 * @example
 * ```ts
 * import { toMnistInput } from "./preprocess.ts";
 * import { assertEquals } from "@std/assert";
 *
 * // a black bar, 10×60 pixels, on white paper
 * const data = new Uint8Array(100 * 100 * 4).fill(255);
 * for (let y = 20; y < 80; y++) {
 *   for (let x = 45; x < 55; x++) data.fill(0, (y * 100 + x) * 4, (y * 100 + x) * 4 + 3);
 * }
 * const pixels = toMnistInput({ width: 100, height: 100, data });
 * assertEquals(pixels.length, 784);
 * assertEquals(pixels[14 * 28 + 14], 1); // the bar sits on the centre
 * ```
 */
export function toMnistInput(image: RgbaImage): Float32Array {
  const ink = intensity(image);
  const bounds = inkBounds(ink);
  if (!bounds) {
    throw new ClientError(
      422,
      "Cannot read a digit: the image has no ink (nothing was drawn)",
    );
  }
  return centreByMass(fitDigit(ink, bounds)).data;
}

/**
 * The ink inside `bounds`, its longer side scaled to 20 px by area averaging
 * and its brightest pixel made 1, as MNIST's digits are.
 */
export function fitDigit(ink: Tensor, bounds: Bounds): Tensor {
  const boxWidth = bounds.right - bounds.left;
  const boxHeight = bounds.bottom - bounds.top;
  const scale = DIGIT_SIZE / Math.max(boxWidth, boxHeight);
  const digit = resizeArea(ink, {
    bounds,
    width: Math.max(1, Math.round(boxWidth * scale)),
    height: Math.max(1, Math.round(boxHeight * scale)),
  });
  const peak = digit.data.reduce((a, b) => Math.max(a, b), 0);
  for (let i = 0; i < digit.data.length; i++) {
    digit.data[i] = Math.min(1, digit.data[i] / peak);
  }
  return digit;
}
