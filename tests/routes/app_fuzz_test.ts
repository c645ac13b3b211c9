/**
 * Tests of `routes/app.ts` by random requests (fast-check): whatever arrives,
 * the answer is a JSON 4xx or a 2xx, never a 5xx or a hang.
 *
 * @module
 */

import { assert } from "@std/assert";
import fc from "fast-check";

import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";

import { assertSafe, json, own, post } from "./_fuzz.ts";

const RUNS = { numRuns: 150 };

// ---- arbitraries ----

const number = fc.oneof(
  fc.double(),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: -1, max: 256 }),
  fc.constantFrom(0, -0, 1, 255, 1e308, -1e308, Number.MIN_VALUE),
);
const cell = fc.oneof(
  { weight: 6, arbitrary: number },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const flatImage = fc.array(cell, { minLength: 782, maxLength: 786 });
const rowsImage = fc.array(fc.array(cell, { minLength: 27, maxLength: 29 }), {
  minLength: 27,
  maxLength: 29,
});
const image = fc.oneof(flatImage, rowsImage, fc.jsonValue({ maxDepth: 3 }));
const predictBody = fc.record({
  pixels: image,
  batch: fc.oneof(
    fc.array(image, { maxLength: 3 }),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  scale: fc.oneof(fc.constantFrom(1, 255, 0, "255"), fc.jsonValue()),
  model: fc.oneof(fc.constant("mlp"), fc.string()),
}, { requiredKeys: [] });

/** Mostly what a V2 client sends, each field now and then replaced by junk. */
const tensor = fc.integer({ min: 1, max: 2 }).chain((n) =>
  fc.record({
    name: fc.oneof(
      { weight: 8, arbitrary: fc.constant("pixels") },
      fc.jsonValue({ maxDepth: 2 }),
    ),
    shape: fc.oneof(
      { weight: 8, arbitrary: fc.constant([n, 784]) },
      fc.tuple(
        fc.integer({ min: -1, max: 1001 }),
        fc.constantFrom(784, 783, 28),
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    datatype: fc.oneof(
      { weight: 8, arbitrary: fc.constant("FP32") },
      fc.constantFrom("FP64", "UINT8", "BYTES"),
      fc.jsonValue({ maxDepth: 1 }),
    ),
    data: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: n * 784,
          maxLength: n * 784,
        }),
      },
      fc.array(number, { minLength: n * 784, maxLength: n * 784 }),
      fc.array(fc.array(number, { minLength: 784, maxLength: 784 }), {
        minLength: n,
        maxLength: n,
      }),
      fc.array(cell, { minLength: n * 784 - 1, maxLength: n * 784 + 1 }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    parameters: fc.oneof(
      { weight: 4, arbitrary: fc.dictionary(fc.string(), fc.jsonValue()) },
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }, { requiredKeys: ["name", "shape", "datatype", "data"] })
);
const inferBody = fc.record({
  id: fc.jsonValue({ maxDepth: 1 }),
  inputs: fc.oneof(
    { weight: 8, arbitrary: fc.tuple(tensor) },
    fc.array(tensor, { maxLength: 2 }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  outputs: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.subarray(["probabilities", "a1", "z1", "a2", "z2", "a3"])
        .map((names) => names.map((name) => ({ name }))),
    },
    fc.array(
      fc.record({
        name: fc.oneof(
          fc.constantFrom("probabilities", "a1", "z3", "nope"),
          fc.jsonValue({ maxDepth: 1 }),
        ),
      }, { requiredKeys: [] }),
      { maxLength: 3 },
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
}, { requiredKeys: ["inputs"] });

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "image/png",
  "image/jpeg",
  "multipart/form-data",
  "multipart/form-data; boundary=xyz",
  "application/octet-stream",
  "text/plain",
  "application/x-www-form-urlencoded",
  undefined,
] as const;

/** A real small PNG or JPEG, then cut short and/or with bytes overwritten. */
const mutatedImage = fc.record({
  width: fc.integer({ min: 1, max: 40 }),
  height: fc.integer({ min: 1, max: 40 }),
  seed: fc.integer({ min: 0, max: 255 }),
  jpeg: fc.boolean(),
  cut: fc.option(fc.nat()),
  edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
    maxLength: 6,
  }),
}).map(({ width, height, seed, jpeg, cut, edits }) => {
  const pixels = width * height;
  const grey = Uint8Array.from({ length: pixels }, (_, i) => (i * seed) & 255);
  const bytes = jpeg
    ? new Uint8Array(
      encodeJpeg({
        width,
        height,
        data: Uint8Array.from({ length: pixels * 4 }, (_, i) => grey[i >> 2]),
      }, 75).data,
    )
    : encodePng({ width, height, data: grey, channels: 1, depth: 8 });
  for (const [at, value] of edits) bytes[at % bytes.length] = value;
  const file = cut === null ? bytes : bytes.slice(0, cut % bytes.length);
  return { file, type: jpeg ? "image/jpeg" : "image/png" };
});

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
const KNOWN_PATHS = [
  "/",
  "/api/predict",
  "/api/health",
  "/api/models",
  "/api/models/mlp",
  "/api/report",
  "/api/mnist/11",
  "/api/openapi.json",
  "/static/app.js",
  "/v2",
  "/v2/health/live",
  "/v2/health/ready",
  "/v2/models/mlp",
  "/v2/models/mlp/ready",
  "/v2/models/mlp/infer",
  "/v2/models/mlp/versions/1/infer",
];
const path = fc.oneof(
  fc.constantFrom(...KNOWN_PATHS),
  fc.tuple(fc.constantFrom(...KNOWN_PATHS), fc.webPath()).map(([a, b]) =>
    a.replace(/\/$/, "") + b
  ),
  fc.tuple(fc.constantFrom(...KNOWN_PATHS), fc.webQueryParameters()).map((
    [a, q],
  ) => `${a}?${q}`),
  fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
);

// ---- properties ----

Deno.test("POST /api/predict survives any JSON value", async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), async (value) => {
      await assertSafe("/api/predict", json(value));
    }),
    RUNS,
  );
});

Deno.test("POST /api/predict survives pixels, batch and scale of wrong types and lengths", async () => {
  await fc.assert(
    fc.asyncProperty(predictBody, async ({ model, ...body }) => {
      const query = model === undefined
        ? ""
        : `?model=${encodeURIComponent(model)}`;
      await assertSafe(`/api/predict${query}`, json(body));
    }),
    RUNS,
  );
});

Deno.test("POST /api/predict survives text that is not JSON", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.string({ unit: "binary", maxLength: 200 }),
      async (text) => {
        const status = await assertSafe(
          "/api/predict",
          post("application/json", text),
        );
        assert(status !== 200 || text.trim().startsWith("{"), text);
      },
    ),
    RUNS,
  );
});

Deno.test("POST /api/predict survives random bytes under every content type", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...CONTENT_TYPES),
      fc.oneof(
        fc.uint8Array({ maxLength: 2000 }),
        fc.uint8Array({ minLength: 784, maxLength: 784 }),
        fc.uint8Array({ maxLength: 100 }).map((tail) =>
          Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10, ...tail)
        ),
        fc.uint8Array({ maxLength: 100 }).map((tail) =>
          Uint8Array.of(0xff, 0xd8, 0xff, ...tail)
        ),
      ),
      async (contentType, bytes) => {
        await assertSafe("/api/predict", post(contentType, bytes));
      },
    ),
    RUNS,
  );
});

Deno.test("POST /api/predict survives broken PNGs and JPEGs, raw and in a form", async () => {
  await fc.assert(
    fc.asyncProperty(
      mutatedImage,
      fc.boolean(),
      async ({ file, type }, form) => {
        if (!form) {
          return void await assertSafe(
            "/api/predict",
            post(type, file),
          );
        }
        const body = new FormData();
        body.append("image", new File([own(file)], "digit", { type }));
        await assertSafe("/api/predict", { method: "POST", body });
      },
    ),
    RUNS,
  );
});

Deno.test("POST /v2/models/mlp/infer survives random KServe bodies and bytes", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        { weight: 3, arbitrary: inferBody.map(json) },
        fc.jsonValue().map(json),
        fc.tuple(fc.uint8Array({ maxLength: 500 }), fc.nat({ max: 600 })).map(
          ([bytes, headerLength]) => ({
            method: "POST",
            headers: {
              "content-type": "application/octet-stream",
              "inference-header-content-length": String(headerLength),
            },
            body: bytes,
          }),
        ),
      ),
      fc.constantFrom(
        "/v2/models/mlp/infer",
        "/v2/models/mlp/versions/1/infer",
        "/v2/models/mlp/versions/2/infer",
        "/v2/models/nope/infer",
      ),
      async (init, target) => {
        await assertSafe(target, init);
      },
    ),
    RUNS,
  );
});

Deno.test("every path and method gets a safe answer", async () => {
  // /v2/health/ready is a deliberate 503 until the model has loaded, which
  // ./_fuzz.ts waits for before any test
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...METHODS),
      path,
      fc.option(fc.constantFrom(...CONTENT_TYPES)),
      fc.uint8Array({ maxLength: 64 }),
      async (method, target, contentType, bytes) => {
        const hasBody = method !== "GET" && method !== "HEAD";
        await assertSafe(target, {
          method,
          headers: contentType ? { "content-type": contentType } : {},
          body: hasBody ? bytes : undefined,
        });
      },
    ),
    { numRuns: 300 },
  );
});
