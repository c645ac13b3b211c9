import { assertEquals, assertThrows } from "@std/assert";
import { DEFAULT_MODEL, MODELS, modelSpec } from "../../../lib/serve/models.ts";

Deno.test("the catalogue serves the MLP by default, and its files exist", async () => {
  assertEquals(DEFAULT_MODEL, "mlp");
  for (const spec of Object.values(MODELS)) {
    assertEquals((await Deno.stat(spec.file)).isFile, true);
    assertEquals((await Deno.stat(spec.report)).isFile, true);
  }
});

Deno.test("modelSpec() finds a model by name and refuses unknown or inherited names", () => {
  assertEquals(modelSpec("mlp").imageShape, [784]);
  assertThrows(() => modelSpec("resnet"), RangeError, "served models are mlp");
  assertThrows(() => modelSpec("toString"), RangeError);
});
