/**
 * Tests of `routes/middleware/edge.ts`.
 *
 * @module
 */

import "../../_data.ts"; // onnxruntime-web started before any test
import { assertEquals, assertMatch, assertNotMatch } from "@std/assert";
import { Hono } from "hono";
import { ModelRegistry } from "../../../lib/runtime/mod.ts";
import { createApp } from "../../../routes/app.ts";
import { onError } from "../../../routes/errors.ts";
import { securityHeaders } from "../../../routes/middleware/edge.ts";
import { requestTimeout } from "../../../routes/middleware/admission.ts";
import "../../_worker.ts"; // the inference worker, started before any test

const models = new ModelRegistry(["mlp"]);
const app = createApp({ models });
// the model's files (its report among them) are read before the first test:
// a read that ends inside a test is a leak to the sanitizer
await models.get("mlp");

/** The page and everything outside the API: the full set. */
const PAGE = {
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** JSON answers of /api and /v2: a policy that allows nothing, and CORS. */
const API = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "access-control-allow-origin": "*",
};

function assertSecurityHeaders(response: Response, label: string) {
  const api = /^\/(api|v2)\//.test(label);
  for (const [name, value] of Object.entries(api ? API : PAGE)) {
    assertEquals(response.headers.get(name), value, `${label}: ${name}`);
  }
  // the API answers other origins, so no Cross-Origin-Resource-Policy
  assertEquals(response.headers.get("cross-origin-resource-policy"), null);
}

const JSON_TYPE = /^application\/json/;
const cases: [string, RequestInit, number, RegExp][] = [
  ["/", {}, 200, /^text\/html/],
  ["/?lang=ko", {}, 200, /^text\/html/],
  ["/static/style.css", {}, 200, /^text\/css/],
  ["/static/app.js", {}, 200, /^text\/javascript/],
  ["/static/early.js", {}, 200, /^text\/javascript/],
  ["/static/engine.js", {}, 200, /^text\/javascript/],
  ["/static/gallery.json", {}, 200, JSON_TYPE],
  ["/static/mlp.onnx", {}, 200, /^application\/octet-stream/],
  ["/static/ort-wasm-simd-threaded.wasm", {}, 200, /^application\/wasm/],
  ["/static/fonts/noto-sans-kr-400.woff2", {}, 200, /^font\/woff2/],
  ["/sw.js", {}, 200, /^text\/javascript/],
  ["/static/nope.js", {}, 404, JSON_TYPE],
  ["/api/health", {}, 200, JSON_TYPE],
  ["/v2/health/live", {}, 200, JSON_TYPE],
  ["/api/openapi.json", {}, 200, JSON_TYPE],
  ["/api/mnist/11", {}, 200, JSON_TYPE],
  ["/no/such/page", {}, 404, JSON_TYPE],
  ["/api/mnist/99999", {}, 404, JSON_TYPE],
  ["/api/predict", {}, 405, JSON_TYPE],
  [
    "/api/predict",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    },
    400,
    JSON_TYPE,
  ],
  [
    "/api/predict",
    {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "7",
    },
    415,
    JSON_TYPE,
  ],
  [
    "/v2/models/mlp/infer",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "[]",
    },
    400,
    JSON_TYPE,
  ],
];

for (const [path, init, status, type] of cases) {
  Deno.test(`${init.method ?? "GET"} ${path} (${status}) has the security headers`, async () => {
    const response = await app.request(path, init);
    assertEquals(response.status, status);
    assertMatch(response.headers.get("content-type") ?? "", type);
    assertSecurityHeaders(response, path);
    if (status >= 400) {
      const body = await response.json();
      assertEquals(typeof body.error, "string");
    } else await response.body?.cancel();
  });
}

Deno.test("the page has no inline script or style for the CSP to block", async () => {
  const response = await app.request("/");
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /^text\/html/);
  const html = await response.text();
  assertNotMatch(html, /\sstyle=/i);
  assertNotMatch(html, /<style/i);
  assertNotMatch(html, /\son[a-z]+=/i);
  // every script is a file of ours or the (never run) JSON data island
  for (const [tag] of html.matchAll(/<script[^>]*>/g)) {
    assertMatch(tag, /src="\/static\/|type="application\/json"/, tag);
  }
});

Deno.test("securityHeaders() keeps the handler's body and headers", async () => {
  const small = new Hono();
  small.use(securityHeaders());
  small.get("/", (c) => {
    c.header("x-mine", "kept");
    return c.text("hello");
  });
  const response = await small.request("/");
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /^text\/plain/);
  assertEquals(await response.text(), "hello");
  assertEquals(response.headers.get("x-mine"), "kept");
  assertSecurityHeaders(response, "small app");
});

Deno.test("a CORS preflight from another origin to /api/predict is allowed", async () => {
  const response = await app.request("/api/predict", {
    method: "OPTIONS",
    headers: {
      origin: "https://elsewhere.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
  assertEquals(response.status, 204);
  assertEquals(response.headers.get("access-control-allow-origin"), "*");
  assertMatch(
    response.headers.get("access-control-allow-methods") ?? "",
    /POST/,
  );
  assertMatch(
    response.headers.get("access-control-allow-headers") ?? "",
    /content-type/i,
  );
  assertSecurityHeaders(response, "/api/predict (preflight)");
});

Deno.test("a cross-origin GET of /api/health and /v2/health/live carries CORS headers", async () => {
  for (const path of ["/api/health", "/v2/health/live"]) {
    const response = await app.request(path, {
      headers: { origin: "https://elsewhere.example" },
    });
    assertEquals(response.status, 200);
    assertMatch(response.headers.get("content-type") ?? "", /json/);
    assertEquals(response.headers.get("access-control-allow-origin"), "*");
    await response.json();
  }
});

Deno.test("a request stopped by its time limit still gets the security headers on its 503", async () => {
  const slow = new Hono();
  slow.use(securityHeaders());
  slow.use(requestTimeout({ ms: 20 }));
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  slow.get("/slow", async (c) => {
    await held;
    return c.text("too late");
  });
  slow.onError(onError);
  try {
    const response = await slow.request("/slow");
    assertEquals(response.status, 503);
    assertMatch(response.headers.get("content-type") ?? "", /json/);
    assertEquals(response.headers.get("retry-after"), "1");
    assertSecurityHeaders(response, "timeout");
    const body = await response.json();
    assertMatch(body.error, /took longer than 20 ms/);
  } finally {
    release();
  }
});
