/**
 * Tests of `lib/serve/registry.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import { InputError } from "../../../lib/input_error.ts";
import { ModelRegistry } from "../../../lib/serve/registry.ts";

Deno.test("ModelRegistry loads in the background and reports readiness", async () => {
  const models = new ModelRegistry(["mlp"]);
  assertEquals(models.names, ["mlp"]);
  assertEquals(models.has("mlp"), true);
  assertEquals(models.has("deep-cnn"), false);
  assertEquals(models.isReady("mlp"), false);
  const model = await models.get("mlp");
  assertEquals(models.isReady("mlp"), true);
  assertEquals([model.name, model.report.correct, model.info.inputs[0].shape], [
    "mlp",
    9352,
    [-1, 784],
  ]);
  await models.close();
});

Deno.test("ModelRegistry.get() refuses a model it does not serve", async () => {
  const models = new ModelRegistry([]);
  await assertRejects(
    () => models.get("mlp"),
    InputError,
    "served models are none",
  );
  await assertRejects(
    () => models.get("nope"),
    InputError,
    "served models are",
  );
});
