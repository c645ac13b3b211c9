/**
 * Tests of `routes/app.ts` by hostile requests, one by one: nested millions
 * deep, bombs, endless streams, lies in headers — each refused with its 4xx.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { BODY_LIMITS } from "../../lib/limits.ts";
import { assertSafe, json, own, post } from "./_fuzz.ts";

const DEEP = "[".repeat(100_000) + "]".repeat(100_000);
const ZEROS = Array(784).fill(0);

/** A PNG signature and IHDR declaring `width`×`height` grey pixels, no data. */
function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes[24] = 8;
  return bytes;
}

const png = encodePng({
  width: 28,
  height: 28,
  data: Uint8Array.from({ length: 784 }, (_, i) => i % 28 === 14 ? 255 : 0),
  channels: 1,
  depth: 8,
});
const jpeg = new Uint8Array(
  encodeJpeg({
    width: 28,
    height: 28,
    data: Uint8Array.from(
      { length: 784 * 4 },
      (_, i) => (i >> 2) % 28 === 14 ? 255 : 0,
    ),
  }, 90).data,
);

/** A stream of `size` bytes with no Content-Length, as a chunked upload sends it. */
function stream(size: number): ReadableStream<Uint8Array> {
  let left = size;
  return new ReadableStream({
    pull(controller) {
      const chunk = Math.min(left, 1 << 20);
      if (chunk === 0) return controller.close();
      controller.enqueue(new Uint8Array(chunk));
      left -= chunk;
    },
  });
}

const hostile: [string, string, () => RequestInit, number][] = [
  [
    "100000-deep array as pixels",
    "/api/predict",
    () => post("application/json", `{"pixels":${DEEP}}`),
    400,
  ],
  [
    "100000-deep array as the body",
    "/api/predict",
    () => post("application/json", DEEP),
    400,
  ],
  ["100000-deep object", "/api/predict", () =>
    post(
      "application/json",
      '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000),
    ), 400],
  [
    "100000-deep KServe body",
    "/v2/models/mlp/infer",
    () => post("application/json", DEEP),
    400,
  ],
  [
    "100000-deep KServe input name",
    "/v2/models/mlp/infer",
    () => post("application/json", `{"inputs":[{"name":${DEEP}}]}`),
    400,
  ],
  [
    "784 numbers of 1e309 (Infinity)",
    "/api/predict",
    () => post("application/json", `{"pixels":[${Array(784).fill("1e309")}]}`),
    422,
  ],
  [
    "784 of the largest double",
    "/api/predict",
    () => json({ pixels: Array(784).fill(Number.MAX_VALUE) }),
    422,
  ],
  [
    "784 of -0",
    "/api/predict",
    () => post("application/json", `{"pixels":[${Array(784).fill("-0")}]}`),
    200,
  ],
  [
    "a batch of 1001 images",
    "/api/predict",
    () => json({ batch: Array(1001).fill(ZEROS) }),
    400,
  ],
  [
    "a JSON body 1 byte over its limit",
    "/api/predict",
    () => post("application/json", " ".repeat(BODY_LIMITS.json + 1)),
    413,
  ],
  [
    "an image body 1 byte over its limit",
    "/api/predict",
    () => post("image/png", new Uint8Array(BODY_LIMITS.image + 1)),
    413,
  ],
  ["a multipart body 1 byte over its limit", "/api/predict", () =>
    post(
      "multipart/form-data; boundary=x",
      new Uint8Array(BODY_LIMITS.image + 1),
    ), 413],
  [
    "raw bytes 1 byte over their limit",
    "/api/predict",
    () =>
      post("application/octet-stream", new Uint8Array(BODY_LIMITS.bytes + 1)),
    413,
  ],
  [
    "a chunked JSON body over its limit",
    "/api/predict",
    () => post("application/json", stream(BODY_LIMITS.json + 1)),
    413,
  ],
  [
    "a KServe body 1 byte over its limit",
    "/v2/models/mlp/infer",
    () => post("application/json", " ".repeat(BODY_LIMITS.json + 1)),
    413,
  ],
  [
    "a PNG declaring 100000×100000",
    "/api/predict",
    () => post("image/png", pngHeader(100_000, 100_000)),
    413,
  ],
  [
    "a PNG declaring 0×28",
    "/api/predict",
    () => post("image/png", pngHeader(0, 28)),
    400,
  ],
  [
    "a PNG header without data",
    "/api/predict",
    () => post("image/png", pngHeader(28, 28)),
    400,
  ],
  [
    "a PNG cut in half",
    "/api/predict",
    () => post("image/png", png.slice(0, png.length >> 1)),
    400,
  ],
  [
    "a JPEG cut after its header",
    "/api/predict",
    () => post("image/jpeg", jpeg.slice(0, 20)),
    400,
  ],
  [
    "a whole PNG (the control case)",
    "/api/predict",
    () => post("image/png", png),
    200,
  ],
  [
    "a whole JPEG (the control case)",
    "/api/predict",
    () => post("image/jpeg", jpeg),
    200,
  ],
  [
    "a PNG sent as JSON",
    "/api/predict",
    () => post("application/json", png),
    400,
  ],
  [
    "a JSON image sent as a PNG",
    "/api/predict",
    () => post("image/png", JSON.stringify({ pixels: ZEROS })),
    400,
  ],
  ["a form without the image field", "/api/predict", () => {
    const body = new FormData();
    body.append("picture", new File([own(png)], "digit.png"));
    return { method: "POST", body };
  }, 400],
  ["a form with text as the image", "/api/predict", () => {
    const body = new FormData();
    body.append("image", "not a file");
    return { method: "POST", body };
  }, 400],
];

for (const [label, target, init, status] of hostile) {
  Deno.test(`hostile: ${label} → ${status}`, async () => {
    assertEquals(await assertSafe(target, init()), status);
  });
}
