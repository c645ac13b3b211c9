/**
 * Tests of `routes/schemas.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import fc from "fast-check";
import { testApp } from "../_app.ts";
import { arbitraryOf, type Schema } from "./_openapi_bodies.ts";
import { ClientError } from "../../lib/errors.ts";
import { readPredictBody } from "../../lib/input/mod.ts";
import { PredictRequest } from "../../routes/schemas.ts";

/** Whether lib/input accepts the body (a 422 is a value out of range: the shape was fine). */
function accepted(body: unknown): boolean {
  try {
    readPredictBody(body);
    return true;
  } catch (error) {
    if (error instanceof ClientError) return false;
    throw error;
  }
}

const cell = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.5),
  fc.constantFrom("0", null, true),
);
const flatImage = fc.oneof(
  fc.array(fc.constantFrom(0, 0.25, 1), { minLength: 784, maxLength: 784 }),
  fc.array(cell, { minLength: 783, maxLength: 785 }),
);
const rowsImage = fc.array(
  fc.array(fc.constantFrom(0, 1), { minLength: 27, maxLength: 29 }),
  { minLength: 27, maxLength: 29 },
);
const image = fc.oneof(flatImage, rowsImage, fc.jsonValue({ maxDepth: 2 }));
const body = fc.oneof(
  fc.record({ pixels: image }, { requiredKeys: [] }),
  fc.record({ batch: fc.array(image, { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({
    pixels: image,
    batch: fc.array(image, { maxLength: 2 }),
    scale: fc.constantFrom(1, 255, 100, "1"),
    other: fc.string(),
  }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 2 }),
);

Deno.test("the OpenAPI schema of POST /api/predict accepts exactly the JSON bodies lib/input reads", () => {
  fc.assert(
    fc.property(body, (value) => {
      // values in range, so that the two differ only where the shape does
      const documented = PredictRequest.safeParse(value).success;
      assertEquals(
        accepted(value),
        documented,
        JSON.stringify(value).slice(0, 200),
      );
    }),
    { numRuns: 400 },
  );
});

/** An operation of the OpenAPI document that takes a JSON body. */
interface Operation {
  method: string;
  path: string;
  body: Schema;
  statuses: Set<number>;
}

async function documentedOperations() {
  const response = await testApp().request("/api/openapi.json");
  const document = await response.json();
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods as object)) {
      const body = operation.requestBody?.content?.["application/json"]?.schema;
      if (!body) continue;
      const statuses = new Set(Object.keys(operation.responses).map(Number));
      operations.push({ method, path, body, statuses });
    }
  }
  return { document, operations };
}

Deno.test("every JSON body the OpenAPI document accepts is answered 2xx or a 4xx it documents; a predict body it accepts is never a 400", async () => {
  const { document, operations } = await documentedOperations();
  assertEquals(
    operations.map(({ method, path }) => `${method} ${path}`).sort(),
    [
      "post /api/predict",
      "post /v2/models/{name}/infer",
      "post /v2/repository/index",
    ],
  );
  for (const { method, path, body, statuses } of operations) {
    const url = fc.constantFrom("mlp", "deep-cnn", "nope").map((name) =>
      path.replace("{name}", name)
    );
    await fc.assert(
      fc.asyncProperty(url, arbitraryOf(body, document), async (url, value) => {
        const response = await testApp().request(url, {
          method: method.toUpperCase(),
          headers: { "content-type": "application/json" },
          body: JSON.stringify(value),
        });
        const text = await response.text();
        const what = `${method} ${url} ${
          JSON.stringify(value).slice(0, 120)
        }: ${response.status} ${text.slice(0, 200)}`;
        assert(response.status < 500, what);
        assert(statuses.has(response.status), `undocumented: ${what}`);
        // the predict body's schema is its whole shape: only a value out of
        // range (422) or an unknown model can refuse one it accepts
        if (path === "/api/predict") assert(response.status !== 400, what);
      }),
      { numRuns: 150 },
    );
  }
});

Deno.test("/v2/repository/index documents the 400 it answers to a body that is not JSON", async () => {
  const { operations } = await documentedOperations();
  const index = operations.find(({ path }) => path === "/v2/repository/index");
  const response = await testApp().request("/v2/repository/index", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{ready",
  });
  assertEquals(response.status, 400);
  await response.body?.cancel();
  assert(index?.statuses.has(400), "400 is in the document");
});
