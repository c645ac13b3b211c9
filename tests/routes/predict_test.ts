/**
 * Tests of `routes/predict.ts`: what it answers, for every kind of body.
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
import jpeg from "jpeg-js";
import { rows } from "../../lib/tensor.ts";
import { pixelsFromFloats, readPredictJson } from "../../lib/input/mod.ts";
import { LARGE_JSON, sharedDecodePool } from "../../lib/http/mod.ts";
import { ClientError } from "../../lib/errors.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import { parsesOver } from "../_json_parse.ts";
import { BOOK_IMAGE_11, mlpSession, testImages } from "../_data.ts";
import { blackPng } from "../_images.ts";
import {
  encodePng,
  expectOk,
  image11,
  paperDrawing,
  upload,
} from "./_predict.ts";

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
