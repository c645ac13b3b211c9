/**
 * Tests of `routes/app.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { errorOf, testApp } from "../_app.ts";
import "../_worker.ts"; // the inference worker, started before any test

Deno.test("GET /api/openapi.json is an OpenAPI 3 document generated from the request schemas", async () => {
  const response = await testApp().request("/api/openapi.json");
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  const doc = await response.json();
  assert(doc.openapi.startsWith("3."));
  const predict = doc.paths["/api/predict"].post;
  assertEquals(Object.keys(predict.requestBody.content), [
    "application/json",
    "image/png",
    "image/jpeg",
    "multipart/form-data",
    "application/octet-stream",
  ]);
  // one image or a batch, never both and never neither: {} is not valid
  const [one, batch] = doc.components.schemas.PredictRequest.anyOf;
  assertEquals(Object.keys(one.properties), ["pixels", "scale"]);
  assertEquals(one.required, ["pixels"]);
  assertEquals(Object.keys(batch.properties), ["batch", "scale"]);
  assertEquals(batch.required, ["batch"]);
  assertEquals([one.additionalProperties, batch.additionalProperties], [
    false,
    false,
  ]);
  assertEquals(batch.properties.batch.maxItems, 1000);
  for (
    const path of [
      "/api/mnist/{index}",
      "/api/models",
      "/api/models/{name}",
      "/api/report",
      "/api/health",
    ]
  ) {
    assert(doc.paths[path]?.get, `${path} is documented`);
  }
});

Deno.test("unknown routes answer 404 and wrong methods 405, as JSON", async () => {
  const cases: [string, string, number, string][] = [
    ["GET", "/api/nothing", 404, "No route GET /api/nothing"],
    ["GET", "/v2/models/mlp/nope", 404, "No route"],
    ["GET", "/api/predict", 405, "use POST"],
    ["PUT", "/api/mnist/3", 405, "use GET"],
    ["DELETE", "/v2/models/mlp/infer", 405, "use POST"],
    // a slash more is another path, whatever the method
    ["GET", "/api/health/", 404, "No route GET /api/health/"],
    ["POST", "/api/predict/", 404, "No route POST /api/predict/"],
    ["GET", "/api/predict/", 404, "No route"],
    ["GET", "/v2/models/mlp/", 404, "No route"],
    ["GET", "/api/mnist/3/", 404, "No route"],
    ["GET", "//", 404, "No route"],
  ];
  for (const [method, path, status, message] of cases) {
    const response = await testApp().request(path, { method });
    const [actual, error] = await errorOf(response);
    assertEquals(actual, status, `${method} ${path}`);
    assert(error.includes(message), error);
    if (status === 405) assert(response.headers.get("allow"));
  }
});

Deno.test("CORS lets pages of other origins call /api and /v2", async () => {
  for (const path of ["/api/predict", "/v2/models/mlp/infer"]) {
    const preflight = await testApp().request(path, {
      method: "OPTIONS",
      headers: {
        origin: "https://example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    assertEquals(preflight.status, 204);
    assertEquals(preflight.headers.get("access-control-allow-origin"), "*");
  }
  const health = await testApp().request("/api/health", {
    headers: { origin: "https://example.org" },
  });
  assertEquals(health.headers.get("access-control-allow-origin"), "*");
});

Deno.test("the prediction routes are rate-limited per client: 429 with Retry-After and the RateLimit fields", async () => {
  const { ModelRegistry } = await import("../../lib/runtime/mod.ts");
  const { createApp } = await import("../../routes/app.ts");
  const models = new ModelRegistry(["mlp"]);
  const app = createApp({ models, rateLimitPerMinute: 3 });
  const from = (hostname: string) => ({ remoteAddr: { hostname } });
  const predict = (hostname: string) =>
    app.request("/api/predict", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pixels: new Array(784).fill(0) }),
    }, from(hostname));
  for (let i = 0; i < 3; i++) {
    const response = await predict("203.0.113.7");
    assertEquals(response.status, 200);
    assertEquals(
      response.headers.get("ratelimit-policy"),
      '"predict";q=3;w=60',
    );
    await response.body?.cancel();
  }
  const refused = await predict("203.0.113.7");
  const [status, error] = await errorOf(refused);
  assertEquals(status, 429);
  assert(Number(refused.headers.get("retry-after")) >= 1);
  assert(refused.headers.get("ratelimit")?.startsWith('"predict";r=0;'));
  assert(error.includes("3 a minute"), error);
  // V2 infer shares the client's quota; another client has its own
  const v2 = await app.request("/v2/models/mlp/infer", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  }, from("203.0.113.7"));
  assertEquals(v2.status, 429);
  await v2.body?.cancel();
  const other = await predict("198.51.100.1");
  assertEquals(other.status, 200);
  await other.body?.cancel();
  // reading is not limited
  const health = await app.request("/api/health", {}, from("203.0.113.7"));
  assertEquals(health.status, 200);
  await health.body?.cancel();
  await models.close();
});

Deno.test("the rate limit counts predictions only: the page and its files, however many, are not", async () => {
  const { ModelRegistry } = await import("../../lib/runtime/mod.ts");
  const { createApp } = await import("../../routes/app.ts");
  const { pageAssets } = await import("../../lib/assets/mod.ts");
  const models = new ModelRegistry(["mlp"]);
  const app = createApp({ models, rateLimitPerMinute: 1 });
  const from = { remoteAddr: { hostname: "203.0.113.9" } };
  const { urls } = await pageAssets();
  const paths = [
    "/",
    urls.app,
    urls.early,
    urls.style,
    urls.engine,
    urls.gallery,
    urls.weights,
    urls.models.mlp,
    "/sw.js",
  ];
  for (let round = 0; round < 3; round++) {
    for (const path of paths) {
      const response = await app.request(path, {}, from);
      assertEquals(response.status, 200, path);
      assertEquals(response.headers.get("ratelimit"), null, path);
      await response.body?.cancel();
    }
  }
  const predict = () =>
    app.request("/api/predict", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pixels: new Array(784).fill(0) }),
    }, from);
  const first = await predict();
  assertEquals(first.status, 200);
  await first.body?.cancel();
  const second = await predict();
  assertEquals(second.status, 429);
  await second.body?.cancel();
  await models.close();
});
