/**
 * Tests of `lib/models.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { ClientError } from "../../lib/errors.ts";
import {
  DEFAULT_MODEL,
  MODEL_NAMES,
  MODELS,
  modelSpec,
} from "../../lib/models.ts";

Deno.test("the catalogue serves the MLP by default, and its files exist", async () => {
  assertEquals(DEFAULT_MODEL, "mlp");
  for (const spec of Object.values(MODELS)) {
    assertEquals((await Deno.stat(spec.file)).isFile, true);
    assertEquals((await Deno.stat(spec.report)).isFile, true);
    assertEquals((await Deno.stat(spec.info)).isFile, true);
  }
});

Deno.test("modelSpec() finds a model by name and refuses unknown or inherited names", () => {
  assertEquals(modelSpec("mlp").imageShape, [784]);
  const error = assertThrows(
    () => modelSpec("resnet"),
    ClientError,
    "served models are mlp",
  );
  assertEquals(error.status, 404);
  assertThrows(() => modelSpec("toString"), ClientError);
  assertEquals(Object.keys(MODELS), [...MODEL_NAMES]);
});
