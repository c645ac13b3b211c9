/**
 * Photos of a digit as a phone takes them, for the tests of large pictures:
 * a test image drawn in dark ink on lit paper at any size, encoded by real
 * encoders — jpeg-js (baseline, no chroma subsampling), MozJPEG through
 * @jsquash/jpeg (progressive or baseline, 4:2:0 or greyscale) and fast-png.
 *
 * @module
 */

import encodeMozJpeg from "@jsquash/jpeg/encode.js";
import { encode as encodeJsJpeg } from "jpeg-js";
import { encode as encodePngFile } from "fast-png";
import { row } from "../lib/tensor.ts";
import { testImages } from "./_data.ts";

/** An RGBA picture. */
export interface Photo {
  width: number;
  height: number;
  data: Uint8Array<ArrayBuffer>;
}

/**
 * Test image `index` (784 values) drawn `width`×`height`: the digit's 28×28
 * grid scaled to 60% of the height, centred, ink at 30 levels over paper
 * lit from the left (230 → 190), slightly warm, as a photo of a page is.
 */
export async function digitPhoto(
  index: number,
  width: number,
  height: number,
): Promise<Photo> {
  const [images] = await testImages();
  const pixels = row(images, index);
  const side = Math.round(height * 0.6);
  const left = Math.round((width - side) / 2),
    top = Math.round((height - side) / 2);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const v = Math.floor(((y - top) * 28) / side);
    for (let x = 0, p = y * width * 4; x < width; x++, p += 4) {
      const u = Math.floor(((x - left) * 28) / side);
      const ink = u >= 0 && u < 28 && v >= 0 && v < 28 ? pixels[v * 28 + u] : 0;
      const paper = 230 - (40 * x) / width;
      const level = paper - ink * (paper - 30);
      data[p] = level;
      data[p + 1] = level * 0.97;
      data[p + 2] = level * 0.92;
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

/** A baseline JPEG by jpeg-js (4:4:4). */
export function baselineJpeg(
  photo: Photo,
  quality = 85,
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodeJsJpeg(photo, quality).data);
}

/** A JPEG by MozJPEG: progressive (its default) with 4:2:0 chroma unless told otherwise. */
export async function mozJpeg(
  photo: Photo,
  options: { progressive?: boolean; grey?: boolean; quality?: number } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { progressive = true, grey = false, quality = 85 } = options;
  const image = {
    width: photo.width,
    height: photo.height,
    data: new Uint8ClampedArray(photo.data.buffer),
    colorSpace: "srgb",
  } as ImageData;
  return new Uint8Array(
    await encodeMozJpeg(image, {
      quality,
      progressive,
      // MozJpegColorSpace: 1 is greyscale, 3 YCbCr
      ...(grey ? { color_space: 1 } : {}),
    }),
  );
}

/** An 8-bit RGB PNG by fast-png. */
export function rgbPng(photo: Photo): Uint8Array<ArrayBuffer> {
  const rgb = new Uint8Array(photo.width * photo.height * 3);
  for (let i = 0, j = 0; i < photo.data.length; i += 4, j += 3) {
    rgb[j] = photo.data[i];
    rgb[j + 1] = photo.data[i + 1];
    rgb[j + 2] = photo.data[i + 2];
  }
  return new Uint8Array(
    encodePngFile({
      width: photo.width,
      height: photo.height,
      data: rgb,
      channels: 3,
    }),
  );
}

/**
 * `image` averaged over boxes of `factor`×`factor` pixels (the last ones cut
 * at the edges): what a decoder that scales down by area should give.
 */
export function boxAverage(
  image: { width: number; height: number; data: ArrayLike<number> },
  factor: number,
): Float64Array {
  const width = Math.ceil(image.width / factor);
  const height = Math.ceil(image.height / factor);
  const sums = new Float64Array(width * height * 4);
  const counts = new Float64Array(width * height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const box = Math.floor(y / factor) * width + Math.floor(x / factor);
      counts[box]++;
      for (let c = 0; c < 4; c++) {
        sums[box * 4 + c] += image.data[(y * image.width + x) * 4 + c];
      }
    }
  }
  return sums.map((sum, i) => sum / counts[i >> 2]);
}

/** The largest and the mean absolute difference of two pictures' samples. */
export function difference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { max: number; mean: number } {
  let max = 0, sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / a.length };
}
