/**
 * Tests of `routes/predict.ts`: what it refuses, and how.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import {
  BODY_LIMITS,
  MAX_FORM_PARTS,
  MAX_JSON_VALUES,
} from "../../lib/limits.ts";
import { sharedDecodePool } from "../../lib/http/mod.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import {
  blackPng,
  iccpChunk,
  ihdrChunk,
  pngChunk,
  pngFile,
  rebuildPng,
  zlibBomb,
} from "../_images.ts";
import { encodePng, expectOk, paperDrawing, upload } from "./_predict.ts";

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
    "a multipart form of 200,000 empty fields (before it is parsed)",
    () =>
      upload(
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\r\n'
          .repeat(200_000) + "--x--\r\n",
        "multipart/form-data; boundary=x",
      ),
    413,
    `more than ${MAX_FORM_PARTS} parts`,
  ],
  [
    "a JSON body of 16 MiB of zeros (before it is parsed)",
    () =>
      postJson(
        "/api/predict",
        `{"pixels":[${"0,".repeat((BODY_LIMITS.json - 14) / 2)}0]}`,
      ),
    400,
    `holds more than ${MAX_JSON_VALUES} values`,
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
