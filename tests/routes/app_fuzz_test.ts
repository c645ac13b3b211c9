/**
 * Random and hostile requests of every shape against the whole app, in
 * process: never a 5xx, never a hang, and every error is {"error": "..."}.
 *
 * @module
 */

import "../_data.ts"; // onnxruntime-web started before any test
import { assert, assertEquals, assertMatch } from "@std/assert";
import fc from "fast-check";
import { encode as encodePng } from "fast-png";
import { encode as encodeJpeg } from "jpeg-js";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { createApp } from "../../routes/app.ts";
import { BODY_LIMITS } from "../../lib/limits.ts";
import "../_worker.ts"; // the inference worker, started before any test

const models = new ModelRegistry(["mlp"]);
const app = createApp({ models });
// the model's files are read before the first test (a read that ends inside
// a test is a leak to the sanitizer)
await models.get("mlp");

/** Longer than the server's own 10 s limit: a request past it hangs. */
const DEADLINE_MS = 15_000;
const RUNS = { numRuns: 150 };

/** The app's answer, or a failure when none comes within DEADLINE_MS. */
async function answer(path: string, init: RequestInit): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${path}`)),
      DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([app.request(path, init), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends a request and checks that the answer is safe; returns its status. */
async function assertSafe(path: string, init: RequestInit = {}) {
  const method = init.method ?? "GET";
  const label = `${method} ${path.slice(0, 80)}`;
  const response = await answer(path, init);
  assert(response.status < 500, `${label} answered ${response.status}`);
  if (response.status < 300 || method === "HEAD") {
    await response.body?.cancel();
    return response.status;
  }
  assertMatch(
    response.headers.get("content-type") ?? "",
    /^application\/json/,
    label,
  );
  const body = await response.json();
  assertEquals(typeof body.error, "string", label);
  assert(body.error.length > 0, label);
  return response.status;
}

/** Bytes on an ArrayBuffer of their own, as Blob and fetch bodies want them. */
const own = (bytes: Uint8Array) => new Uint8Array(bytes);

function post(
  contentType: string | undefined,
  body: BodyInit | Uint8Array,
): RequestInit {
  const headers: Record<string, string> = contentType
    ? { "content-type": contentType }
    : {};
  return {
    method: "POST",
    headers,
    body: body instanceof Uint8Array ? own(body) : body,
  };
}

const json = (value: unknown) =>
  post("application/json", JSON.stringify(value));

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
  // /v2/health/ready is a deliberate 503 until the model has loaded
  await models.get("mlp");
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

// ---- hostile fixed cases ----

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
