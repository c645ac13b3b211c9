/**
 * Tests of `routes/app.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { errorOf, testApp } from "../_app.ts";

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
