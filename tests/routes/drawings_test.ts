/**
 * /api/drawings in process: store, read, list, score and delete readers'
 * drawings on an in-memory KV; hostile bodies are refused and store nothing.
 *
 * @module
 */

import { pixelsFromFloats } from "../../lib/input/mod.ts";
import { assert, assertEquals, assertMatch } from "@std/assert";
import fc from "fast-check";
import { DrawingStore } from "../../lib/drawings/store.ts";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { row } from "../../lib/tensor.ts";
import { createApp } from "../../routes/app.ts";
import { errorOf } from "../_app.ts";
import { testImages } from "../_data.ts";
import "../_worker.ts"; // the inference worker, started before any test

const models = new ModelRegistry();

/** An app over a fresh in-memory store; `writesPerMinute` 0 unless given. */
async function fixture(writesPerMinute = 0) {
  const kv = await Deno.openKv(":memory:");
  const store = new DrawingStore(kv);
  const app = createApp({ models, drawings: { store, writesPerMinute } });
  return { kv, store, app, [Symbol.dispose]: () => kv.close() };
}

type App = Awaited<ReturnType<typeof fixture>>["app"];

/** MNIST test image `index` as 784 numbers in [0, 1], with its label. */
async function mnist(index: number): Promise<[number[], number]> {
  const [images, labels] = await testImages();
  return [[...row(images, index)], labels.data[index]];
}

function post(app: App, body: unknown, init: RequestInit = {}, env?: object) {
  return app.request("/api/drawings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  }, env);
}

async function keyCount(kv: Deno.Kv): Promise<number> {
  let n = 0;
  for await (const _ of kv.list({ prefix: [] })) n++;
  return n;
}

Deno.test("POST /api/drawings stores a labelled drawing with both models' answers: 201, id, token", async () => {
  using f = await fixture();
  const [pixels, label] = await mnist(0);
  const response = await post(f.app, { pixels, label, consent: true });
  assertEquals(response.status, 201);
  assertEquals(response.headers.get("content-type"), "application/json");
  const created = await response.json();
  assertMatch(created.id, /^[0-9a-f-]{36}$/);
  assertEquals(response.headers.get("location"), `/api/drawings/${created.id}`);
  assertMatch(created.deleteToken, /^[A-Za-z0-9_-]{43}$/);
  assertEquals(Object.keys(created.predictions).sort(), ["deep-cnn", "mlp"]);
  // the models read the stored bytes: their answers are those of the API
  const bytes = pixels.map((v) => Math.round(v * 255) / 255);
  for (const name of ["mlp", "deep-cnn"]) {
    const direct = await (await models.get(name)).predict(
      pixelsFromFloats(Float32Array.from(bytes)),
    );
    assertEquals(created.predictions[name].digit, direct.digits[0]);
    assertEquals(created.predictions[name].digit, label);
    const sum = created.predictions[name].probabilities.reduce(
      (a: number, b: number) => a + b,
    );
    assert(Math.abs(sum - 1) < 1e-5);
  }

  const one = await f.app.request(`/api/drawings/${created.id}`);
  assertEquals(one.status, 200);
  const drawing = await one.json();
  assertEquals(drawing.label, label);
  assertEquals(drawing.predictions, created.predictions);
  assertEquals(drawing.pixels.length, 784);
  drawing.pixels.forEach((v: number, i: number) =>
    assert(Math.abs(v - pixels[i]) <= 0.5 / 255 + 1e-7, `pixel ${i}`)
  );
  assertEquals(
    Object.keys(drawing).sort(),
    ["createdAt", "expiresAt", "id", "label", "pixels", "predictions"],
  );
  assertEquals(drawing.expiresAt, created.expiresAt);
});

Deno.test("GET /api/drawings lists newest first, by label, a page at a time, never with a token", async () => {
  using f = await fixture();
  const tokens: string[] = [];
  const ids: string[] = [];
  for (const index of [0, 1, 2, 3, 4]) { // labels 7 2 1 0 4
    const [pixels, label] = await mnist(index);
    const created = await (await post(f.app, { pixels, label, consent: true }))
      .json();
    tokens.push(created.deleteToken);
    ids.push(created.id);
  }
  const all = await f.app.request("/api/drawings?limit=3");
  assertEquals(all.status, 200);
  const first = await all.json();
  assertEquals(first.drawings.map((d: { id: string }) => d.id), [
    ids[4],
    ids[3],
    ids[2],
  ]);
  const rest = await (await f.app.request(
    `/api/drawings?limit=3&cursor=${encodeURIComponent(first.cursor)}`,
  )).json();
  assertEquals(rest.drawings.map((d: { id: string }) => d.id), [
    ids[1],
    ids[0],
  ]);
  assertEquals(rest.cursor, null);

  const sevens = await (await f.app.request("/api/drawings?label=7")).json();
  assertEquals(sevens.drawings.map((d: { id: string }) => d.id), [ids[0]]);
  const nines = await (await f.app.request("/api/drawings?label=9")).json();
  assertEquals(nines, { drawings: [], cursor: null });

  const text = JSON.stringify(first) + JSON.stringify(rest);
  for (const token of tokens) assert(!text.includes(token));
  assert(!/token|hash/i.test(text));
});

Deno.test("DELETE /api/drawings/{id} needs the X-Delete-Token of that drawing: 400, 403, then 204", async () => {
  using f = await fixture();
  const [pixels, label] = await mnist(7);
  const a = await (await post(f.app, { pixels, label, consent: true })).json();
  const b = await (await post(f.app, { pixels, label, consent: true })).json();
  const del = (token?: string) =>
    f.app.request(`/api/drawings/${a.id}`, {
      method: "DELETE",
      headers: token === undefined ? {} : { "x-delete-token": token },
    });

  const [missing, missingError] = await errorOf(await del());
  assertEquals(missing, 400);
  assertMatch(missingError, /X-Delete-Token/);
  const [wrong, wrongError] = await errorOf(await del(b.deleteToken));
  assertEquals(wrong, 403);
  assertMatch(wrongError, /Wrong delete token/);
  assertEquals((await f.app.request(`/api/drawings/${a.id}`)).status, 200);

  const deleted = await del(a.deleteToken);
  assertEquals(deleted.status, 204);
  assertEquals(await deleted.text(), "");
  const [gone] = await errorOf(await f.app.request(`/api/drawings/${a.id}`));
  assertEquals(gone, 404);
  assertEquals((await errorOf(await del(a.deleteToken)))[0], 404);
  assertEquals(
    await keyCount(f.kv),
    3,
    "b's drawing and its two index entries",
  );
});

Deno.test("GET /api/drawings/stats scores each model on readers' drawings beside its MNIST accuracy", async () => {
  using f = await fixture();
  const empty = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(empty.count, 0);
  assertEquals(empty.models.mlp.accuracy, null);
  assertEquals(empty.models.mlp.mnistAccuracy, 0.9352);
  assertEquals(empty.models["deep-cnn"].mnistAccuracy, 0.9797);
  assertEquals(empty.limits, {
    retentionDays: 90,
    maxDrawings: 10_000,
    writesPerMinute: 0,
  });

  // test image 8 is a 5 the MLP misreads (as 6); labelled right, and once wrong
  const [five, label] = await mnist(8);
  assertEquals(label, 5);
  const answers = [];
  for (const l of [5, 5, 3]) {
    const created = await (await post(f.app, {
      pixels: five,
      label: l,
      consent: true,
    })).json();
    answers.push(created.predictions);
  }
  const stats = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(stats.count, 3);
  assertEquals(stats.labels, [0, 0, 0, 1, 0, 2, 0, 0, 0, 0]);
  for (const name of ["mlp", "deep-cnn"]) {
    const digit = answers[0][name].digit;
    const correct = [5, 5, 3].filter((l) => l === digit).length;
    assertEquals(stats.models[name].count, 3);
    assertEquals(stats.models[name].correct, correct);
    assertEquals(stats.models[name].accuracy, correct / 3);
    assertEquals(stats.models[name].confusion[5][digit], 2);
    assertEquals(stats.models[name].confusion[3][digit], 1);
  }
  assert(stats.models.mlp.correct < stats.models["deep-cnn"].correct);
});

Deno.test("50 concurrent POST /api/drawings: every drawing listed once, and the stats add up", async () => {
  using f = await fixture();
  const images = await Promise.all(
    Array.from({ length: 50 }, (_, i) => mnist(100 + i)),
  );
  const start = performance.now();
  const responses = await Promise.all(
    images.map(([pixels, label]) =>
      post(f.app, { pixels, label, consent: true })
    ),
  );
  const created = await Promise.all(responses.map((r) => r.json()));
  const ms = performance.now() - start;
  console.log(`50 concurrent drawings stored in ${ms.toFixed(0)} ms`);
  assertEquals(responses.map((r) => r.status), Array(50).fill(201));
  const ids = created.map((c) => c.id);
  assertEquals(new Set(ids).size, 50);

  const listed = await (await f.app.request("/api/drawings?limit=100")).json();
  assertEquals(listed.drawings.length, 50);
  assertEquals(
    new Set(listed.drawings.map((d: { id: string }) => d.id)),
    new Set(ids),
  );
  assertEquals(await keyCount(f.kv), 150);

  const stats = await (await f.app.request("/api/drawings/stats")).json();
  assertEquals(stats.count, 50);
  const labels = Array(10).fill(0);
  for (const [, label] of images) labels[label]++;
  assertEquals(stats.labels, labels);
  for (const name of ["mlp", "deep-cnn"]) {
    const correct = created.filter((c, i) =>
      c.predictions[name].digit === images[i][1]
    ).length;
    assertEquals(stats.models[name].correct, correct);
    assertEquals(
      stats.models[name].confusion.flat().reduce(
        (a: number, b: number) => a + b,
      ),
      50,
    );
  }
});

const pixels784 = Array(784).fill(0);
const hostile: [string, string | unknown, number, RegExp][] = [
  ["no consent", { pixels: pixels784, label: 1 }, 400, /consent/],
  [
    "consent false",
    { pixels: pixels784, label: 1, consent: false },
    400,
    /consent/,
  ],
  [
    'consent "yes"',
    { pixels: pixels784, label: 1, consent: "yes" },
    400,
    /consent/,
  ],
  ["label 10", { pixels: pixels784, label: 10, consent: true }, 400, /label/],
  ["label -1", { pixels: pixels784, label: -1, consent: true }, 400, /label/],
  ["label 2.5", { pixels: pixels784, label: 2.5, consent: true }, 400, /label/],
  ['label "7"', { pixels: pixels784, label: "7", consent: true }, 400, /label/],
  ["no label", { pixels: pixels784, consent: true }, 400, /label/],
  [
    "783 pixels",
    { pixels: Array(783).fill(0), label: 1, consent: true },
    400,
    /784/,
  ],
  [
    "785 pixels",
    { pixels: Array(785).fill(0), label: 1, consent: true },
    400,
    /784/,
  ],
  ["no pixels", { label: 1, consent: true }, 400, /pixels/],
  [
    "a pixel of 1.5",
    { pixels: [...pixels784.slice(1), 1.5], label: 1, consent: true },
    422,
    /pixel 783/,
  ],
  [
    "a pixel of -0.1",
    { pixels: [-0.1, ...pixels784.slice(1)], label: 1, consent: true },
    422,
    /pixel 0/,
  ],
  [
    'a pixel "NaN"',
    { pixels: ["NaN", ...pixels784.slice(1)], label: 1, consent: true },
    400,
    /pixels/,
  ],
  [
    "a pixel null",
    { pixels: [null, ...pixels784.slice(1)], label: 1, consent: true },
    400,
    /pixels/,
  ],
  [
    "NaN in the JSON",
    `{"pixels": [NaN${",0".repeat(783)}], "label": 1, "consent": true}`,
    400,
    /Invalid JSON/,
  ],
  [
    "an unknown field",
    { pixels: pixels784, label: 1, consent: true, ip: "1.2.3.4" },
    400,
    /ip|Unrecognized|unknown/i,
  ],
  ["an array", [pixels784], 400, /Invalid request/],
  ["invalid JSON", "{", 400, /Invalid JSON/],
  [
    "a huge body",
    { pixels: pixels784, label: 1, consent: true, pad: "x".repeat(100_000) },
    413,
    /limit of 65536 bytes/,
  ],
];

for (const [name, body, status, message] of hostile) {
  Deno.test(`POST /api/drawings refuses ${name} with ${status} and stores nothing`, async () => {
    using f = await fixture();
    const [actual, error] = await errorOf(await post(f.app, body));
    assertEquals(actual, status, error);
    assertMatch(error, message);
    assertEquals(await keyCount(f.kv), 0);
  });
}

Deno.test("POST /api/drawings refuses a huge streamed body (no Content-Length) with 413 and a text body with 415", async () => {
  using f = await fixture();
  const chunk = new TextEncoder().encode("[" + "0,".repeat(20_000));
  const stream = new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
  const streamed = await post(f.app, "", { body: stream });
  assertEquals((await errorOf(streamed))[0], 413);
  const text = await post(f.app, "", {
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ pixels: pixels784, label: 1, consent: true }),
  });
  const [status, error] = await errorOf(text);
  assertEquals(status, 415);
  assertMatch(error, /Send the drawing as JSON/);
  assertEquals(await keyCount(f.kv), 0);
});

Deno.test("random bodies never get a 5xx, and only valid ones are stored", async () => {
  using f = await fixture();
  const value = fc.oneof(
    fc.constant(pixels784),
    fc.array(fc.double({ min: -2, max: 2 }), {
      minLength: 780,
      maxLength: 786,
    }),
    fc.integer({ min: -3, max: 12 }),
    fc.boolean(),
    fc.string(),
    fc.constant(null),
    fc.jsonValue(),
  );
  const body = fc.dictionary(
    fc.constantFrom("pixels", "label", "consent", "extra"),
    value,
  );
  let stored = 0;
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const response = await post(f.app, b);
      assert(
        response.status < 500,
        `${response.status} for ${JSON.stringify(b).slice(0, 200)}`,
      );
      const valid = Object.keys(b).length === 3 && b.consent === true &&
        Array.isArray(b.pixels) && b.pixels.length === 784 &&
        b.pixels.every((v) => typeof v === "number" && v >= 0 && v <= 1) &&
        Number.isInteger(b.label) && (b.label as number) >= 0 &&
        (b.label as number) <= 9;
      assertEquals(response.status, valid ? 201 : response.status);
      if (valid) stored++;
      else {assert(
          response.status >= 400,
          `${response.status} for an invalid body`,
        );}
      await response.body?.cancel();
    }),
    { numRuns: 120 },
  );
  assertEquals(await keyCount(f.kv), 3 * stored);
});

Deno.test("GET /api/drawings refuses a bad label, limit, cursor or id with a 4xx", async () => {
  using f = await fixture();
  const cases: [string, number][] = [
    ["/api/drawings?label=10", 400],
    ["/api/drawings?label=-1", 400],
    ["/api/drawings?limit=0", 400],
    ["/api/drawings?limit=101", 400],
    ["/api/drawings?limit=ten", 400],
    ["/api/drawings?cursor=nope", 400],
    ["/api/drawings/not-an-id", 400],
    [`/api/drawings/${crypto.randomUUID()}`, 404],
  ];
  for (const [path, status] of cases) {
    const [actual] = await errorOf(await f.app.request(path));
    assertEquals(actual, status, path);
  }
});

Deno.test("writes are rate-limited per client: 429 with Retry-After, and the refused drawing is not stored", async () => {
  using f = await fixture(2);
  const [pixels, label] = await mnist(0);
  const body = { pixels, label, consent: true };
  const client = { remoteAddr: { hostname: "198.51.100.20", port: 5 } };
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const response = await post(f.app, body, {}, client);
    statuses.push(response.status);
    if (i === 2) {
      const [, error] = await errorOf(response);
      assertMatch(error, /Too many drawings.*2 a minute/);
      assertEquals(response.headers.get("retry-after"), "30");
      assertEquals(response.headers.get("ratelimit"), '"drawings";r=0;t=30');
      assertEquals(
        response.headers.get("ratelimit-policy"),
        '"drawings";q=2;w=60',
      );
    } else await response.body?.cancel();
  }
  assertEquals(statuses, [201, 201, 429]);
  assertEquals(await keyCount(f.kv), 6);
  const other = await post(f.app, body, {}, {
    remoteAddr: { hostname: "198.51.100.21", port: 5 },
  });
  assertEquals(other.status, 201);
  const read = await f.app.request("/api/drawings", {}, client);
  assertEquals(read.status, 200, "reads are not limited");
  assertEquals(read.headers.get("ratelimit"), null);
  await Promise.all([other.body?.cancel(), read.body?.cancel()]);
});

Deno.test("/api/openapi.json documents the drawing routes; without a store they are not served", async () => {
  using f = await fixture();
  const doc = await (await f.app.request("/api/openapi.json")).json();
  assert(doc.paths["/api/drawings"].post);
  assert(doc.paths["/api/drawings"].get);
  assert(doc.paths["/api/drawings/stats"].get);
  assert(doc.paths["/api/drawings/{id}"].get);
  assert(doc.paths["/api/drawings/{id}"].delete);
  const request = doc.components.schemas.DrawingRequest;
  assertEquals(Object.keys(request.properties), ["pixels", "label", "consent"]);
  assertEquals(request.additionalProperties, false);
  assert(
    doc.paths["/api/drawings"].post.responses["429"].headers["retry-after"],
  );

  const bare = createApp({ models });
  const [status] = await errorOf(await bare.request("/api/drawings/stats"));
  assertEquals(status, 404);
});
