/**
 * A large PNG decoded smaller, a scanline at a time: its image data
 * inflated once (as _png.ts does, stopped at the size its header implies),
 * then each scanline unfiltered in place against the one before, made RGBA
 * and added into a row of `factor`×`factor` boxes — an area-averaged
 * picture `factor` times smaller each way, with no full-size RGBA, no
 * second copy of the scanlines and no full-size intensity map behind it.
 * Interlaced pictures are left to the whole-picture decoder (_png.ts).
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import { inflateImageData, readPngChunks } from "./_png.ts";
import { CHANNELS, checkPngHeader, type PngHeader } from "./image.ts";
import type { RgbaImage } from "./preprocess.ts";

/** Scanline `line` (filter byte removed, unfiltered) as RGBA into `rgba`. */
type ToRgba = (line: Uint8Array, rgba: Uint8Array) => void;

/** The RGBA conversion of a scanline, for the header's colour type and depth. */
function lineConverter(
  header: PngHeader,
  palette?: Uint8Array,
  transparency?: Uint8Array,
): ToRgba {
  const { width, depth, colourType } = header;
  const channels = CHANNELS[colourType];
  const max = (1 << depth) - 1;
  const sample = depth === 16
    ? (line: Uint8Array, i: number) => (line[2 * i] << 8) | line[2 * i + 1]
    : depth === 8
    ? (line: Uint8Array, i: number) => line[i]
    : (line: Uint8Array, i: number) =>
      (line[(i * depth) >> 3] >> (8 - depth - ((i * depth) & 7))) & max;
  const to8 = depth === 16
    ? (v: number) => (v * 255 + 32895) >>> 16
    : (v: number) => Math.round((v * 255) / max);
  const key = transparency && colourType !== 3
    ? Array.from(
      { length: transparency.length >> 1 },
      (_, i) => (transparency[2 * i] << 8) | transparency[2 * i + 1],
    )
    : undefined;
  if (depth === 8 && colourType !== 3) return bytesToRgba(width, channels, key);
  return (line, rgba) => {
    for (let x = 0, p = 0; x < width; x++, p += 4) {
      if (colourType === 3) {
        const index = sample(line, x);
        if (3 * index + 2 >= palette!.length) {
          throw new ClientError(
            400,
            `Cannot decode PNG: palette index ${index} but the palette has ${
              palette!.length / 3
            } colours`,
          );
        }
        rgba.set(palette!.subarray(3 * index, 3 * index + 3), p);
        rgba[p + 3] = transparency?.[index] ?? 255;
        continue;
      }
      const s = x * channels;
      const first = sample(line, s);
      const alpha = channels === 2 || channels === 4
        ? to8(sample(line, s + channels - 1))
        : 255;
      if (channels <= 2) {
        rgba[p] = rgba[p + 1] = rgba[p + 2] = to8(first);
        rgba[p + 3] = key && first === key[0] ? 0 : alpha;
        continue;
      }
      const second = sample(line, s + 1), third = sample(line, s + 2);
      rgba[p] = to8(first);
      rgba[p + 1] = to8(second);
      rgba[p + 2] = to8(third);
      rgba[p + 3] = key && first === key[0] && second === key[1] &&
          third === key[2]
        ? 0
        : alpha;
    }
  };
}

/** The common case, 8-bit samples, without a call a sample. */
function bytesToRgba(width: number, channels: number, key?: number[]): ToRgba {
  const [k0, k1, k2] = key ?? [-1, -1, -1];
  const colour = channels >= 3, alpha = channels === 2 || channels === 4;
  return (line, rgba) => {
    for (let x = 0, s = 0, p = 0; x < width; x++, s += channels, p += 4) {
      const r = line[s];
      const g = colour ? line[s + 1] : r, b = colour ? line[s + 2] : r;
      rgba[p] = r;
      rgba[p + 1] = g;
      rgba[p + 2] = b;
      rgba[p + 3] = alpha
        ? line[s + channels - 1]
        : r === k0 && (!colour || (g === k1 && b === k2))
        ? 0
        : 255;
    }
  };
}

/** Undoes a scanline's filter in place, against the scanline before it. */
function unfilter(
  type: number,
  line: Uint8Array,
  previous: Uint8Array,
  bpp: number,
): void {
  const n = line.length;
  if (type === 1) { for (let i = bpp; i < n; i++) line[i] += line[i - bpp]; }
  else if (type === 2) { for (let i = 0; i < n; i++) line[i] += previous[i]; }
  else if (type === 3) {
    for (let i = 0; i < n; i++) {
      line[i] += ((i >= bpp ? line[i - bpp] : 0) + previous[i]) >> 1;
    }
  } else if (type === 4) {
    for (let i = 0; i < n; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = previous[i];
      const c = i >= bpp ? previous[i - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      line[i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
  } else if (type !== 0) {
    throw new ClientError(
      400,
      `Cannot decode PNG: unknown filter type ${type}`,
    );
  }
}

/** Boxes of `factor`×`factor` pixels, summed line by line into a smaller picture. */
class Boxes {
  readonly image: RgbaImage;
  #sums: Float64Array;
  /** Each pixel's box in a row, times 4. */
  #box: Int32Array;
  /** Lines added to the row of boxes being summed, and in all. */
  #rows = 0;
  #lines = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly factor: number,
  ) {
    const w = Math.ceil(width / factor), h = Math.ceil(height / factor);
    this.image = { width: w, height: h, data: new Uint8Array(w * h * 4) };
    this.#sums = new Float64Array(w * 4);
    this.#box = Int32Array.from(
      { length: width },
      (_, x) => Math.floor(x / factor) * 4,
    );
  }

  /** Adds a line of RGBA pixels. */
  add(rgba: Uint8Array): void {
    const { factor, width } = this;
    const sums = this.#sums, box = this.#box;
    for (let x = 0, p = 0; x < width; x++, p += 4) {
      const o = box[x];
      sums[o] += rgba[p];
      sums[o + 1] += rgba[p + 1];
      sums[o + 2] += rgba[p + 2];
      sums[o + 3] += rgba[p + 3];
    }
    this.#lines++;
    if (++this.#rows === factor || this.#lines === this.height) this.#flush();
  }

  /** Whether every line has come. */
  get done(): boolean {
    return this.#lines === this.height;
  }

  #flush(): void {
    const { width, factor, image } = this;
    const row = Math.floor((this.#lines - 1) / factor);
    for (let o = 0; o < image.width; o++) {
      const pixels = Math.min(factor, width - o * factor) * this.#rows;
      for (let c = 0; c < 4; c++) {
        image.data[(row * image.width + o) * 4 + c] = Math.round(
          this.#sums[o * 4 + c] / pixels,
        );
      }
    }
    this.#sums.fill(0);
    this.#rows = 0;
  }
}

/**
 * Decodes a PNG that is not interlaced to 8-bit RGBA `factor` times smaller
 * each way (sides rounded up), each pixel the mean of its box, upright as
 * its EXIF orientation says: every colour type and depth, tRNS applied.
 *
 * @throws {ClientError} 400 or 413 as `decodePng` throws them: a file
 * truncated or corrupt, data that inflates past the size its header
 * declares, too many chunks.
 * @throws {RangeError} When the PNG is interlaced or `factor` is not a
 * whole number ≥ 1 (the caller's bug).
 */
export function decodePngReduced(bytes: Uint8Array, factor: number): RgbaImage {
  const chunks = readPngChunks(bytes);
  const { header } = chunks;
  const expected = checkPngHeader(header);
  if (header.interlaced || !(Number.isInteger(factor) && factor >= 1)) {
    throw new RangeError(
      `Cannot decode a PNG in strips: interlaced ${header.interlaced}, factor ${factor}`,
    );
  }
  const bits = header.depth * CHANNELS[header.colourType];
  const lineLength = Math.ceil((header.width * bits) / 8);
  const bpp = Math.max(1, bits >> 3);
  const toRgba = lineConverter(header, chunks.palette, chunks.transparency);
  const boxes = new Boxes(header.width, header.height, factor);
  const raw = inflateImageData(chunks.data, header, expected);
  const rgba = new Uint8Array(header.width * 4);
  // zeros above the first line
  let previous: Uint8Array = new Uint8Array(lineLength);
  for (let y = 0, at = 0; y < header.height; y++, at += lineLength + 1) {
    const line = raw.subarray(at + 1, at + 1 + lineLength);
    unfilter(raw[at], line, previous, bpp);
    toRgba(line, rgba);
    boxes.add(rgba);
    previous = line;
  }
  return orient(boxes.image, exifOrientation(chunks.exif));
}
