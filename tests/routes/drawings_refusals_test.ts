/**
 * /api/drawings refusing what it must: hostile and random bodies, pictures
 * with no ink, bad queries, methods the stats do not take, and writes past
 * the rate limit; none stores anything.
 *
 * @module
 */

import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import fc from "fast-check";
import { ClientError } from "../../lib/errors.ts";
import { toMnistInput } from "../../lib/input/mod.ts";
import { errorOf } from "../_app.ts";
import { fixture, keyCount, mnist, post } from "./_drawings.ts";

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
  [
    "an all-black picture",
    { pixels: pixels784, label: 1, consent: true },
    422,
    /no ink \(every pixel is 0: nothing was drawn\)/,
  ],
  [
    "an all-white picture",
    { pixels: Array(784).fill(1), label: 1, consent: true },
    422,
    /no ink \(every pixel is 1: nothing was drawn\)/,
  ],
  [
    "an all-white picture as 28 rows",
    { pixels: Array(28).fill(Array(28).fill(1)), label: 1, consent: true },
    422,
    /no ink/,
  ],
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

Deno.test("POST /api/drawings refuses a picture with no ink with 422, as /api/predict's preprocessing refuses the same picture", async () => {
  using f = await fixture();
  for (const value of [0, 1, 128 / 255]) {
    const [status, error] = await errorOf(
      await post(f.app, {
        pixels: Array(784).fill(value),
        label: 3,
        consent: true,
      }),
    );
    assertEquals(status, 422, error);
    assertMatch(error, /^Cannot store a drawing: the picture has no ink/);
    // what POST /api/predict does with an uploaded picture (in its worker)
    const byte = Math.round(value * 255);
    const rgba = new Uint8Array(784 * 4).map((_, i) =>
      i % 4 === 3 ? 255 : byte
    );
    const predict = assertThrows(
      () => toMnistInput({ width: 28, height: 28, data: rgba }),
      ClientError,
    );
    assertEquals(predict.status, 422);
    assertMatch(predict.message, /has no ink \(nothing was drawn\)/);
    assertMatch(error, /no ink \(every pixel is [\d.]+: nothing was drawn\)/);
  }
  assertEquals(await keyCount(f.kv), 0);
});

Deno.test("random bodies never get a 5xx, and only valid ones are stored", async () => {
  using f = await fixture();
  const value = fc.oneof(
    fc.constant(pixels784),
    fc.constant(pixels784.with(400, 1)),
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
  const body = fc.oneof(
    fc.dictionary(
      fc.constantFrom("pixels", "label", "consent", "extra"),
      value,
    ),
    fc.record({
      pixels: fc.constant(pixels784.with(400, 1)),
      label: fc.integer({ min: 0, max: 9 }),
      consent: fc.constant(true),
    }),
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
        new Set(b.pixels).size > 1 && // some ink
        Number.isInteger(b.label) && (b.label as number) >= 0 &&
        (b.label as number) <= 9;
      assertEquals(response.status, valid ? 201 : response.status);
      if (valid) stored++;
      else {
        assert(
          response.status >= 400,
          `${response.status} for an invalid body`,
        );
      }
      await response.body?.cancel();
    }),
    { numRuns: 120 },
  );
  assert(stored > 0, "no valid body was sent");
  assertEquals(await keyCount(f.kv), 4 * stored);
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
    [`/api/drawings?cursor=1767225600000-${crypto.randomUUID()}`, 400],
    [`/api/drawings?cursor=${"9".repeat(16)}_${crypto.randomUUID()}`, 400],
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
  assertEquals(await keyCount(f.kv), 8);
  const other = await post(f.app, body, {}, {
    remoteAddr: { hostname: "198.51.100.21", port: 5 },
  });
  assertEquals(other.status, 201);
  const read = await f.app.request("/api/drawings", {}, client);
  assertEquals(read.status, 200, "reads are not limited");
  assertEquals(read.headers.get("ratelimit"), null);
  await Promise.all([other.body?.cancel(), read.body?.cancel()]);
});

Deno.test("/api/drawings/stats takes GET and HEAD only: DELETE and the other methods are 405 with Allow, never a drawing's id, never a write", async () => {
  using f = await fixture(1);
  const client = { remoteAddr: { hostname: "198.51.100.30", port: 5 } };
  for (const method of ["DELETE", "POST", "PUT", "PATCH"]) {
    const response = await f.app.request("/api/drawings/stats", {
      method,
      headers: { "x-delete-token": "a token" },
    }, client);
    const [status, error] = await errorOf(response);
    assertEquals(status, 405, `${method}: ${error}`);
    assertEquals(response.headers.get("allow"), "GET, HEAD");
    assertMatch(
      error,
      new RegExp(
        `^Method ${method} is not allowed on /api/drawings/stats: use GET`,
      ),
    );
    assertEquals(response.headers.get("ratelimit"), null, "not a write");
  }
  for (const method of ["GET", "HEAD"]) {
    const response = await f.app.request("/api/drawings/stats", { method });
    assertEquals(response.status, 200, method);
    await response.body?.cancel();
  }
  const [pixels, label] = await mnist(0);
  const stored = await post(
    f.app,
    { pixels, label, consent: true },
    {},
    client,
  );
  assertEquals(stored.status, 201, "the quota is untouched");
  await stored.body?.cancel();
});
