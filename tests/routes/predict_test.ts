/**
 * Tests of `routes/predict.ts`.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertFalse,
  assertThrows,
} from "@std/assert";
import { encode } from "fast-png";
import jpeg from "jpeg-js";
import { row, rows } from "../../lib/tensor.ts";
import { BODY_LIMITS } from "../../lib/limits.ts";
import { pixelsFromFloats, readPredictJson } from "../../lib/input/mod.ts";
import { LARGE_JSON, sharedDecodePool } from "../../lib/http/mod.ts";
import { ClientError } from "../../lib/errors.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import { parsesOver } from "../_json_parse.ts";
import { BOOK_IMAGE_11, mlpSession, testImages } from "../_data.ts";
import {
  blackPng,
  iccpChunk,
  ihdrChunk,
  pngChunk,
  pngFile,
  rebuildPng,
  zlibBomb,
} from "../_images.ts";

/** A PNG file of an RGBA image, in a plain ArrayBuffer. */
function encodePng(
  image: Parameters<typeof encode>[0],
): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encode(image));
}

async function image11(): Promise<number[]> {
  const [images] = await testImages();
  return [...row(images, 11)];
}

/** Test image `index` drawn 10× larger as dark ink on white paper, RGBA. */
async function paperDrawing(
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

async function expectOk(response: Response) {
  assertEquals(response.status, 200, await response.clone().text());
  assertEquals(response.headers.get("content-type"), "application/json");
  return await response.json();
}

Deno.test("POST /api/predict with test image 11's pixels gives the book's probabilities", async () => {
  const body = await expectOk(
    await postJson("/api/predict", { pixels: await image11() }),
  );
  assertEquals(body.model, "mlp");
  assertEquals(body.digit, 6);
  assertEquals(body.probabilities.length, 10);
  BOOK_IMAGE_11.forEach((p, j) =>
    assertAlmostEquals(body.probabilities[j], p, 1e-6)
  );
});

Deno.test("POST /api/predict takes 28 rows of 28, and 0–255 values with scale 255", async () => {
  const flat = await image11();
  const nested = Array.from(
    { length: 28 },
    (_, r) => flat.slice(r * 28, r * 28 + 28),
  );
  const raw = flat.map((v) => Math.round(v * 255));
  for (const request of [{ pixels: nested }, { pixels: raw, scale: 255 }]) {
    const body = await expectOk(await postJson("/api/predict", request));
    assertEquals(body.digit, 6);
    assertAlmostEquals(body.probabilities[6], 0.91198188, 1e-6);
  }
});

Deno.test("POST /api/predict with a batch of the first 100 test images gives the lib's digits in order", async () => {
  const [images] = await testImages();
  const first = rows(images, 0, 100);
  const batch = Array.from(
    { length: 100 },
    (_, i) => [...first.data.subarray(i * 784, i * 784 + 784)],
  );
  const body = await expectOk(await postJson("/api/predict", { batch }));
  const expected = (await (await mlpSession()).predict(
    pixelsFromFloats(first.data),
  )).digits;
  assertEquals(body.model, "mlp");
  assertEquals(body.predictions.map((p: { digit: number }) => p.digit), [
    ...expected,
  ]);
  assertEquals(body.predictions[11].probabilities.length, 10);
});

Deno.test("POST /api/predict parses a JSON batch over a megabyte off the event loop, with the answers and errors of one parsed here", async () => {
  const [images] = await testImages();
  const first = rows(images, 0, 500);
  const batch = Array.from(
    { length: 500 },
    (_, i) => [...first.data.subarray(i * 784, i * 784 + 784)],
  );
  const text = JSON.stringify({ batch });
  assert(text.length > LARGE_JSON, `${text.length} bytes`);
  let body: { predictions: { digit: number }[] } | undefined;
  const parses = await parsesOver(LARGE_JSON, async () => {
    body = await expectOk(await postJson("/api/predict", text));
  });
  assertEquals(parses, 0, "the body was parsed on the event loop");
  const expected = (await (await mlpSession()).predict(
    pixelsFromFloats(first.data),
  )).digits;
  assertEquals(body!.predictions.map((p) => p.digit), [...expected]);
  // a mistake found in the worker is answered as one found here
  batch[499][300] = 2;
  const wrong = JSON.stringify({ batch });
  const here = assertThrows(
    () => readPredictJson(new TextEncoder().encode(wrong)),
    ClientError,
  );
  assertEquals(
    await errorOf(await postJson("/api/predict", wrong)),
    [here.status, here.message],
  );
});

Deno.test("POST /api/predict?model=deep-cnn uses the DeepConvNet", async () => {
  const body = await expectOk(
    await postJson("/api/predict?model=deep-cnn", { pixels: await image11() }),
  );
  assertEquals(body.model, "deep-cnn");
  assertEquals(body.digit, 6);
});

Deno.test("POST /api/predict reads raw bytes: 784 per image", async () => {
  const pixels = await image11();
  const bytes = new Uint8Array(
    [...pixels, ...pixels].map((v) => Math.round(v * 255)),
  );
  const one = await expectOk(
    await testApp().request("/api/predict", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes.slice(0, 784),
    }),
  );
  assertEquals(one.digit, 6);
  const two = await expectOk(
    await testApp().request("/api/predict", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    }),
  );
  assertEquals(two.predictions.map((p: { digit: number }) => p.digit), [6, 6]);
});

async function upload(body: BodyInit, contentType?: string): Promise<Response> {
  return await testApp().request("/api/predict", {
    method: "POST",
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });
}

Deno.test("POST /api/predict reads a PNG of ink on paper and answers with the input it saw", async () => {
  const png = encodePng(await paperDrawing(11));
  const body = await expectOk(await upload(png, "image/png"));
  assertEquals(body.digit, 6);
  assertEquals(body.input.length, 784);
  assert(body.input.every((v: number) => v >= 0 && v <= 1));
});

Deno.test("POST /api/predict reads a JPEG and a multipart upload", async () => {
  const drawing = await paperDrawing(0); // a 7
  const jpg = jpeg.encode({ ...drawing, data: drawing.data }, 90).data;
  const fromJpeg = await expectOk(
    await upload(new Uint8Array(jpg), "image/jpeg"),
  );
  assertEquals(fromJpeg.digit, 7);
  const form = new FormData();
  form.append(
    "image",
    new File([encodePng(drawing)], "seven.png", { type: "image/png" }),
  );
  const fromForm = await expectOk(await upload(form));
  assertEquals(fromForm.digit, 7);
  // the multipart PNG is the same picture as a raw PNG body: the same input
  const fromPng = await expectOk(await upload(encodePng(drawing), "image/png"));
  assertEquals(fromForm.input, fromPng.input);
  assertEquals(fromJpeg.input.length, 784);
});

const blank = encodePng({
  width: 50,
  height: 50,
  data: new Uint8Array(50 * 50 * 4).fill(255),
});
const huge = (() => {
  // a valid PNG header that declares 100000×100000 pixels, with no pixel data
  const png = encodePng({
    width: 1,
    height: 1,
    data: new Uint8Array([0, 0, 0, 255]),
  });
  const view = new DataView(png.buffer, png.byteOffset);
  view.setUint32(16, 100000);
  view.setUint32(20, 100000);
  return png;
})();
const pixels784 = new Array(784).fill(0);

const errorCases: [string, () => Promise<Response>, number, string][] = [
  [
    "invalid JSON",
    () => postJson("/api/predict", '{"pixels": ['),
    400,
    "Invalid JSON",
  ],
  [
    "a body that is not an object",
    () => postJson("/api/predict", "[1, 2]"),
    400,
    "Invalid request",
  ],
  [
    "no pixels nor batch",
    () => postJson("/api/predict", {}),
    400,
    'send either "pixels"',
  ],
  [
    "both pixels and batch",
    () => postJson("/api/predict", { pixels: pixels784, batch: [pixels784] }),
    400,
    'either "pixels"',
  ],
  [
    "an unknown field",
    () => postJson("/api/predict", { pixels: pixels784, colour: "red" }),
    400,
    "colour",
  ],
  [
    "the wrong length",
    () => postJson("/api/predict", { pixels: [0, 1] }),
    400,
    "784 numbers",
  ],
  [
    "non-numbers",
    () => postJson("/api/predict", { pixels: new Array(784).fill("0") }),
    400,
    "pixels",
  ],
  [
    "values over 1 without scale",
    () => postJson("/api/predict", { pixels: new Array(784).fill(200) }),
    422,
    '"scale": 255',
  ],
  [
    "negative values",
    () =>
      postJson("/api/predict", { pixels: [-0.5, ...new Array(783).fill(0)] }),
    422,
    "values in [0, 1]",
  ],
  [
    "a scale other than 1 or 255",
    () => postJson("/api/predict", { pixels: pixels784, scale: 100 }),
    400,
    "scale is 1",
  ],
  [
    "an empty batch",
    () => postJson("/api/predict", { batch: [] }),
    400,
    "batch is empty",
  ],
  [
    "a batch over the limit",
    () => postJson("/api/predict", { batch: new Array(1001).fill([0]) }),
    400,
    "over the limit of 1000",
  ],
  [
    "a JSON body over the size limit",
    () => postJson("/api/predict", " ".repeat(BODY_LIMITS.json + 1)),
    413,
    "over its limit",
  ],
  [
    "an image over the size limit",
    () => upload(new Uint8Array(BODY_LIMITS.image + 1), "image/png"),
    413,
    "over its limit",
  ],
  [
    "an unsupported content type",
    () => upload("hello", "text/plain"),
    415,
    "Unsupported content type",
  ],
  [
    "no content type",
    () => upload(new Uint8Array([1, 2, 3])),
    415,
    "Unsupported content type",
  ],
  [
    "a broken PNG",
    () =>
      upload(
        new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0]),
        "image/png",
      ),
    400,
    "PNG",
  ],
  [
    "a JPEG that is not one",
    () => upload(new Uint8Array([1, 2, 3, 4]), "image/jpeg"),
    400,
    "Cannot",
  ],
  [
    "image dimensions too large to decode",
    () => upload(huge, "image/png"),
    413,
    "100000",
  ],
  [
    "an image with no ink",
    () => upload(blank, "image/png"),
    422,
    "nothing was drawn",
  ],
  [
    "a form without the image field",
    () => {
      const form = new FormData();
      form.append("picture", "x");
      return upload(form);
    },
    400,
    'field "image"',
  ],
  [
    "raw bytes not a multiple of 784",
    () => upload(new Uint8Array(785), "application/octet-stream"),
    400,
    "multiple of 784",
  ],
  [
    "an unknown model",
    () => postJson("/api/predict?model=vgg", { pixels: pixels784 }),
    404,
    "served models are mlp, deep-cnn",
  ],
];

for (const [name, send, status, message] of errorCases) {
  Deno.test(`POST /api/predict answers ${status} to ${name}`, async () => {
    const [actual, error] = await errorOf(await send());
    assertEquals(actual, status, error);
    assert(error.includes(message), `"${error}" should mention ${message}`);
  });
}

Deno.test("POST /api/predict?activations=true returns the MLP's a1, z1, a2, z2 and a3", async () => {
  const pixels = await image11();
  const body = await expectOk(
    await postJson("/api/predict?activations=true", { pixels }),
  );
  assertEquals(body.digit, 6);
  const { a1, z1, a2, z2, a3 } = body.activations;
  assertEquals([a1.length, z1.length, a2.length, z2.length, a3.length], [
    50,
    50,
    100,
    100,
    10,
  ]);
  a1.forEach((a: number, j: number) =>
    assertAlmostEquals(z1[j], 1 / (1 + Math.exp(-a)), 1e-6)
  );
  // softmax(a3) is the answer
  const exp = a3.map((v: number) => Math.exp(v - Math.max(...a3)));
  const sum = exp.reduce((x: number, y: number) => x + y, 0);
  exp.forEach((e: number, j: number) =>
    assertAlmostEquals(e / sum, body.probabilities[j], 1e-6)
  );
  const batch = await expectOk(
    await postJson("/api/predict?activations=true", {
      batch: [pixels, pixels],
    }),
  );
  assertEquals(batch.predictions[1].activations.z2.length, 100);
  assertEquals(batch.predictions[1].activations.a1, a1);
});

Deno.test("POST /api/predict refuses activations of the DeepConvNet and bad activations values", async () => {
  const pixels = await image11();
  const [status, error] = await errorOf(
    await postJson("/api/predict?model=deep-cnn&activations=true", { pixels }),
  );
  assertEquals(status, 400);
  assert(error.includes("mlp model only"), error);
  const [status2, error2] = await errorOf(
    await postJson("/api/predict?activations=yes", { pixels }),
  );
  assertEquals(status2, 400);
  assert(error2.includes("activations is true or false"), error2);
});

Deno.test("POST /api/predict with no body says what to send; a form-encoded body is a 415", async () => {
  const [status, error] = await errorOf(
    await testApp().request("/api/predict", { method: "POST" }),
  );
  assertEquals(status, 400);
  assert(error.includes("The body is empty"), error);
  assert(error.includes("application/json"), error);
  const [status2, error2] = await errorOf(
    await testApp().request("/api/predict", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "pixels=1",
    }),
  );
  assertEquals(status2, 415);
  assert(error2.includes("application/x-www-form-urlencoded"), error2);
  const [status3, error3] = await errorOf(
    await postJson("/api/predict", ""),
  );
  assertEquals(status3, 400);
  assert(error3.includes("empty"), error3);
});

Deno.test("while a 400-image DeepConvNet batch runs, GET /api/health still answers", async () => {
  const pixels = await image11();
  await testApp().request("/api/models"); // both models loaded
  let batchDone = false;
  const batch = postJson("/api/predict?model=deep-cnn", {
    batch: new Array(400).fill(pixels),
  }).then((response) => {
    batchDone = true;
    return response;
  });
  // let the batch start its runs, then ask for health
  await new Promise((resolve) => setTimeout(resolve, 50));
  const health = await testApp().request("/api/health");
  assertEquals(health.status, 200);
  assertEquals(batchDone, false, "health answered between the batch's runs");
  const response = await batch;
  assertEquals(response.status, 200);
  assertEquals((await response.json()).predictions.length, 400);
});

Deno.test("GET /api/health answers while a 16-bit 2300×2300 PNG is being decoded", async () => {
  const decoding = () => sharedDecodePool().stats.busy > 0;
  let answered = false;
  const predict = upload(blackPng(2300, 2300), "image/png").then((response) => {
    answered = true;
    return response;
  });
  while (!decoding() && !answered) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert(decoding(), "the image was not decoded off the event loop");
  const health = await testApp().request("/api/health");
  assertEquals(health.status, 200);
  assertEquals((await health.json()).status, "ok");
  assert(decoding(), "the health check waited for the decoding to finish");
  assertFalse(answered);
  const [status, error] = await errorOf(await predict);
  assertEquals(status, 422, error); // all black: no ink
  assert(error.includes("nothing was drawn"), error);
});

Deno.test("POST /api/predict reads a PNG whose iCCP profile is a zip bomb, and refuses one whose image data is", async () => {
  const png = encodePng(await paperDrawing(11));
  const profileBomb = rebuildPng(png, { extra: [iccpChunk(zlibBomb(1024))] });
  assertEquals(
    (await expectOk(await upload(profileBomb, "image/png"))).digit,
    6,
  );
  const dataBomb = pngFile([
    ihdrChunk(280, 280, 8, 6),
    pngChunk("IDAT", zlibBomb(1024)),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
  const [status, error] = await errorOf(await upload(dataBomb, "image/png"));
  assertEquals(status, 413, error);
  assert(error.includes("inflates to more than"), error);
});

Deno.test("POST /api/predict refuses with 413, before decoding, a picture whose decoding would not fit the memory budget", async () => {
  // 16-bit RGBA, 4000×4000: 20 bytes a pixel while it decodes, 305 MiB
  const answer = upload(blackPng(4000, 4000, 16, 6), "image/png");
  const busy = sharedDecodePool().stats.busy;
  const [status, error] = await errorOf(await answer);
  assertEquals(status, 413, error);
  assert(error.includes("too large to decode here: 4000×4000"), error);
  assertEquals([busy, sharedDecodePool().stats.queued], [0, 0], "not decoded");
});

Deno.test("POST /api/predict refuses JSON of millions of arrays before parsing it, deep or wide, with a 400", async () => {
  const bombs = [
    "[".repeat(8_000_000) + "]".repeat(8_000_000),
    `{"batch": [${"[],".repeat(5_000_000)}[]]}`,
  ];
  for (const body of bombs) {
    const [status, error] = await errorOf(
      await postJson("/api/predict", body),
    );
    assertEquals(status, 400);
    assert(error.includes("more than 32768 arrays and objects"), error);
  }
});
