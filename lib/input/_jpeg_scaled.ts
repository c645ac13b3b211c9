/**
 * A large JPEG decoded at an eighth of its size, from its DC coefficients
 * alone: a DC coefficient is its 8×8 block's mean, so the picture comes out
 * as an area-averaged 1/8 scale (libjpeg's `scale_denom = 8`) without an
 * inverse DCT and without holding a coefficient beyond one per block. A
 * baseline scan's AC codes are decoded only to be skipped; a progressive
 * file's AC scans are not decoded at all. A 12-megapixel photo holds 1/64 of
 * its pixels here, against jpeg-js's 16 bytes or more a pixel.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { exifOrientation, orient } from "./_exif_orientation.ts";
import { Bits, type Huffman, huffman, scanEnd } from "./_jpeg_bits.ts";
import type { RgbaImage } from "./preprocess.ts";

/** The size a picture is decoded at here: 1/8 of its own. */
export const JPEG_SCALE = 8;

const invalid = (why: string) =>
  new ClientError(400, `Cannot decode JPEG: ${why}`);

interface Component {
  id: number;
  h: number;
  v: number;
  table: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Blocks a row of the padded grid (whole MCUs). */
  stride: number;
  /** Each block's DC coefficient, quantised. */
  dc: Int32Array;
  pred: number;
}

interface Frame {
  width: number;
  height: number;
  progressive: boolean;
  components: Component[];
  mcusPerLine: number;
  mcusPerColumn: number;
}

function readFrame(segment: Uint8Array, marker: number): Frame {
  if (segment[0] !== 8) {
    throw invalid(`${segment[0]}-bit samples are not supported`);
  }
  const height = (segment[1] << 8) | segment[2];
  const width = (segment[3] << 8) | segment[4];
  const count = segment[5];
  if (![1, 3, 4].includes(count) || segment.length < 6 + 3 * count) {
    throw invalid(`a frame of ${count} components`);
  }
  const parts = Array.from(
    { length: count },
    (_, i) => segment.subarray(6 + 3 * i),
  );
  const hMax = Math.max(...parts.map((p) => p[1] >> 4));
  const vMax = Math.max(...parts.map((p) => p[1] & 15));
  const mcusPerLine = Math.ceil(width / (8 * hMax));
  const mcusPerColumn = Math.ceil(height / (8 * vMax));
  const components = parts.map((p) => {
    const h = p[1] >> 4, v = p[1] & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4 || p[2] > 3) {
      throw invalid("a component's sampling factors or table are out of range");
    }
    const stride = mcusPerLine * h;
    return {
      id: p[0],
      h,
      v,
      table: p[2],
      blocksPerLine: Math.ceil(Math.ceil((width * h) / hMax) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((height * v) / vMax) / 8),
      stride,
      dc: new Int32Array(stride * mcusPerColumn * v),
      pred: 0,
    };
  });
  return {
    width,
    height,
    progressive: marker === 0xc2,
    components,
    mcusPerLine,
    mcusPerColumn,
  };
}

interface Tables {
  dc: (Huffman | undefined)[];
  ac: (Huffman | undefined)[];
  restartInterval: number;
}

/** Decodes one scan's DC coefficients (and skips a baseline scan's AC codes); returns where it ends. */
function readScan(
  bytes: Uint8Array,
  start: number,
  header: Uint8Array,
  frame: Frame,
  tables: Tables,
): number {
  const count = header[0];
  const scan = Array.from({ length: count }, (_, i) => {
    const component = frame.components.find((c) => c.id === header[1 + 2 * i]);
    if (!component) throw invalid("a scan of a component the frame lacks");
    return {
      component,
      dc: tables.dc[header[2 + 2 * i] >> 4],
      ac: tables.ac[header[2 + 2 * i] & 15],
    };
  });
  const at = 1 + 2 * count;
  const [ss, ah, al] = [header[at], header[at + 2] >> 4, header[at + 2] & 15];
  // a progressive file's AC scans refine what an eighth of the size never shows
  if (frame.progressive && ss > 0) return scanEnd(bytes, start);
  const refine = frame.progressive && ah > 0;
  for (const { component } of scan) component.pred = 0;
  const bits = new Bits(bytes, start);
  const block = (part: typeof scan[number], row: number, col: number) => {
    const { component } = part;
    const index = row * component.stride + col;
    if (refine) {
      component.dc[index] |= bits.read(1) << al;
      return;
    }
    if (!part.dc) throw invalid("a scan uses a DC table it does not define");
    component.pred += bits.extend(bits.decode(part.dc));
    component.dc[index] = component.pred * (1 << al);
    if (frame.progressive) return;
    if (!part.ac) throw invalid("a scan uses an AC table it does not define");
    for (let k = 1; k < 64; k++) {
      const rs = bits.decode(part.ac);
      const run = rs >> 4, size = rs & 15;
      if (size === 0) {
        if (run !== 15) break;
        k += 15;
      } else {
        k += run;
        bits.read(size);
      }
    }
  };
  const single = scan.length === 1 ? scan[0].component : undefined;
  const mcus = single
    ? single.blocksPerLine * single.blocksPerColumn
    : frame.mcusPerLine * frame.mcusPerColumn;
  for (let n = 0; n < mcus; n++) {
    if (tables.restartInterval && n > 0 && n % tables.restartInterval === 0) {
      bits.restart();
      for (const { component } of scan) component.pred = 0;
    }
    if (single) {
      block(
        scan[0],
        Math.floor(n / single.blocksPerLine),
        n % single.blocksPerLine,
      );
      continue;
    }
    const row = Math.floor(n / frame.mcusPerLine), col = n % frame.mcusPerLine;
    for (const part of scan) {
      const { h, v } = part.component;
      for (let y = 0; y < v; y++) {
        for (let x = 0; x < h; x++) block(part, row * v + y, col * h + x);
      }
    }
  }
  return scanEnd(bytes, bits.pos);
}

const clamp = (value: number) =>
  value < 0 ? 0 : value > 255 ? 255 : Math.round(value);

/** The 1/8-scale picture from the frame's DC coefficients, in RGBA. */
function toRgba(frame: Frame, quantDc: number[], adobe?: number): RgbaImage {
  const { components } = frame;
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  const width = Math.ceil(frame.width / JPEG_SCALE);
  const height = Math.ceil(frame.height / JPEG_SCALE);
  const data = new Uint8Array(width * height * 4);
  const levels = components.map((c) => quantDc[c.table] / 8);
  if (components.some((_, i) => !(levels[i] > 0))) {
    throw invalid("a component's quantisation table is missing");
  }
  if (components.length === 4 && adobe === undefined) {
    throw invalid("CMYK without an Adobe marker is not supported");
  }
  const transform = adobe === undefined || adobe !== 0;
  const sample = new Float64Array(4);
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 4) {
      components.forEach((c, i) => {
        const row = Math.floor((y * c.v) / vMax),
          col = Math.floor((x * c.h) / hMax);
        sample[i] = clamp(c.dc[row * c.stride + col] * levels[i] + 128);
      });
      let [r, g, b] = components.length === 1
        ? [sample[0], sample[0], sample[0]]
        : [sample[0], sample[1], sample[2]];
      if (components.length > 1 && transform) {
        const [l, cb, cr] = sample;
        r = clamp(l + 1.402 * (cr - 128));
        g = clamp(l - 0.3441363 * (cb - 128) - 0.71413636 * (cr - 128));
        b = clamp(l + 1.772 * (cb - 128));
      }
      if (components.length === 4) {
        // as jpeg-js: Adobe's inverted CMYK (or YCCK) over K
        const k = 255 - sample[3];
        const ink = (c: number) => 255 - clamp(c * (1 - k / 255) + k);
        [r, g, b] = transform
          ? [ink(r), ink(g), ink(b)]
          : [ink(255 - r), ink(255 - g), ink(255 - b)];
      }
      data[p] = r;
      data[p + 1] = g;
      data[p + 2] = b;
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

/**
 * Decodes a JPEG to 8-bit RGBA at 1/8 of its size (each side rounded up),
 * each pixel its 8×8 block's mean, upright as its EXIF orientation says:
 * baseline and progressive, greyscale, YCbCr, RGB and Adobe CMYK, 8-bit.
 *
 * @throws {ClientError} 400 when the file is truncated, corrupt or of a kind
 * not supported (12-bit, lossless, hierarchical or arithmetic-coded, CMYK
 * without an Adobe marker).
 */
export function decodeJpegScaled(bytes: Uint8Array): RgbaImage {
  const tables: Tables = { dc: [], ac: [], restartInterval: 0 };
  const quantDc: number[] = [];
  let frame: Frame | undefined,
    adobe: number | undefined,
    exif: Uint8Array | undefined;
  let scans = 0;
  for (let pos = 2; pos + 1 < bytes.length;) {
    const marker = bytes[pos + 1];
    if (bytes[pos] !== 0xff) throw invalid(`a marker expected at byte ${pos}`);
    if (
      marker === 0xff || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)
    ) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd9) break;
    const end = pos + 2 + ((bytes[pos + 2] << 8) | bytes[pos + 3]);
    if (end > bytes.length) throw invalid("the file is truncated");
    const segment = bytes.subarray(pos + 4, end);
    pos = end;
    if (marker === 0xdb) {
      for (
        let i = 0;
        i < segment.length;
        i += 1 + 64 * (1 + (segment[i] >> 4))
      ) {
        quantDc[segment[i] & 3] = segment[i] >> 4
          ? (segment[i + 1] << 8) | segment[i + 2]
          : segment[i + 1];
      }
    } else if (marker === 0xc4) {
      for (let i = 0; i + 17 <= segment.length;) {
        const counts = segment.subarray(i + 1, i + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        const table = huffman(counts, segment.subarray(i + 17, i + 17 + total));
        (segment[i] >> 4 ? tables.ac : tables.dc)[segment[i] & 3] = table;
        i += 17 + total;
      }
    } else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      frame = readFrame(segment, marker);
    } else if (
      marker >= 0xc3 && marker <= 0xcf && marker !== 0xc8 && marker !== 0xcc
    ) {
      throw invalid(
        "lossless, hierarchical and arithmetic-coded files are not supported",
      );
    } else if (marker === 0xdd) {
      tables.restartInterval = (segment[0] << 8) | segment[1];
    } else if (
      marker === 0xe1 && !exif &&
      String.fromCharCode(...segment.subarray(0, 4)) === "Exif"
    ) {
      exif = segment.subarray(6);
    } else if (
      marker === 0xee &&
      String.fromCharCode(...segment.subarray(0, 5)) === "Adobe"
    ) {
      adobe = segment[11];
    } else if (marker === 0xda) {
      if (!frame) throw invalid("a scan before its frame header (SOF)");
      pos = readScan(bytes, end, segment, frame, tables);
      scans++;
    }
  }
  if (!frame || scans === 0) throw invalid("the file has no frame or no scan");
  return orient(toRgba(frame, quantDc, adobe), exifOrientation(exif));
}
