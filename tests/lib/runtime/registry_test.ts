/**
 * Tests of `lib/runtime/registry.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects } from "@std/assert";
import { ClientError, ServerBusy } from "../../../lib/errors.ts";
import { ModelRegistry } from "../../../lib/runtime/registry.ts";
import { pixelRows } from "../../../lib/input/mod.ts";
import { mlpSession, testPixels } from "../../_data.ts";
import "../../_worker.ts"; // the inference worker, started before any test

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
    ClientError,
    "served models are none",
  );
  await assertRejects(
    () => models.get("nope"),
    ClientError,
    "served models are",
  );
});

Deno.test("model.predict() runs a large batch in pieces of 100 and stops when its signal aborts", async () => {
  const models = new ModelRegistry(["mlp"]);
  const model = await models.get("mlp");
  const images = await testPixels();
  const first = pixelRows(images, 0, 1000);
  const whole = await model.predict(first);
  const direct = await (await mlpSession()).predict(first);
  assertEquals(whole.digits, direct.digits);
  assertEquals(whole.probabilities.shape, [1000, 10]);
  const traced = await model.predict(pixelRows(images, 0, 250), {
    outputs: ["z1", "a3"],
  });
  assertEquals(traced.outputs.z1.shape, [250, 50]);
  assertEquals(traced.outputs.a3.shape, [250, 10]);
  const controller = new AbortController();
  const stopped = model.predict(first, { signal: controller.signal });
  controller.abort(new Error("time is up"));
  await assertRejects(() => stopped, Error, "time is up");
  const unknown = await assertRejects(
    () => model.predict(first, { outputs: ["W1"] }),
    ClientError,
    "Unknown output",
  );
  assertEquals(unknown.status, 400);
  await models.close();
});

Deno.test("ModelRegistry loads the default model first and the others after it", async () => {
  const models = new ModelRegistry(["deep-cnn", "mlp"]);
  await models.get("mlp");
  assertEquals(models.isReady("deep-cnn"), false);
  await models.get("deep-cnn");
  await models.close();
});

Deno.test("model.predict() refuses large work at once when the computing ahead would make it late", async () => {
  // the warm-up run at load told the clock what a DeepConvNet image costs
  const models = new ModelRegistry(["deep-cnn"], { queueLimitMs: 50 });
  const model = await models.get("deep-cnn");
  const images = await testPixels();
  const first = model.predict(pixelRows(images, 0, 100));
  const second = await assertRejects(
    () => model.predict(pixelRows(images, 100, 200)),
    ServerBusy,
    "busy computing other requests",
  );
  assertEquals(second.status, 503);
  assertEquals(second.retryAfterSeconds >= 1, true);
  assertEquals((await first).digits.length, 100);
  // once the first has ended, the same work is admitted
  assertEquals(
    (await model.predict(pixelRows(images, 100, 200))).digits.length,
    100,
  );
  await models.close();
});

Deno.test("ModelRegistry opens the other models only once the default one has loaded and `later` has resolved", async () => {
  const opened: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => release = resolve);
  let asked = 0;
  const models = new ModelRegistry(undefined, {
    // the shared MLP session stands in for both, and is not released
    open: async (name) => {
      opened.push(name);
      return { ...await mlpSession(), release: async () => {} };
    },
    later: () => (asked++, gate),
  });
  await models.get("mlp");
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals(opened, ["mlp"]);
  assertEquals(asked, 1, "asked once the MLP had loaded");
  assertEquals(models.isReady("deep-cnn"), false);
  release();
  await models.get("deep-cnn").catch(() => {});
  assertEquals(opened, ["mlp", "deep-cnn"]);
  await models.close();
});
