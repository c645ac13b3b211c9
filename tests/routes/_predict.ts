/**
 * What the tests of `routes/predict.ts` share: pictures of test digits and
 * posting them.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { encode } from "fast-png";
import { row } from "../../lib/tensor.ts";
import { testApp } from "../_app.ts";
import { testImages } from "../_data.ts";

/** A PNG file of an RGBA image, in a plain ArrayBuffer. */
export function encodePng(
  image: Parameters<typeof encode>[0],
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encode(image));
}

/** Test image 11 (a 6), its 784 values. */
export async function image11(): Promise<number[]> {
  const [images] = await testImages();
  return [...row(images, 11)];
}

/** Test image `index` drawn 10× larger as dark ink on white paper, RGBA. */
export async function paperDrawing(
  index: number,
): Promise<{ width: number; height: number; data: Uint8Array }> {
  const [images] = await testImages();
  const pixels = row(images, index);
  const size = 280;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ink = pixels[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
      const value = Math.round(255 * (1 - ink));
      data.set([value, value, value, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/** Asserts a JSON 200 and gives its body. */
export async function expectOk(response: Response) {
  assertEquals(response.status, 200, await response.clone().text());
  assertEquals(response.headers.get("content-type"), "application/json");
  return await response.json();
}

/** POSTs a body to /api/predict with the content type given (none if not). */
export async function upload(
  body: BodyInit,
  contentType?: string,
): Promise<Response> {
  return await testApp().request("/api/predict", {
    method: "POST",
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });
}
