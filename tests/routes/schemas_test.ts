/**
 * Tests of `routes/schemas.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import fc from "fast-check";
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
