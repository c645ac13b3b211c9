/**
 * Tests of `routes/catalogue.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { errorOf, testApp } from "../_app.ts";

async function getJson(path: string) {
  const response = await testApp().request(path);
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  return await response.json();
}

Deno.test("GET /api/models/mlp gives the layers and shapes the book prints", async () => {
  const model = await getJson("/api/models/mlp");
  assertEquals(model.name, "mlp");
  assertEquals(model.ready, true);
  assertEquals(model.accuracy, 0.9352);
  assertEquals(model.weights, [
    { name: "W1", shape: [784, 50] },
    { name: "b1", shape: [50] },
    { name: "W2", shape: [50, 100] },
    { name: "b2", shape: [100] },
    { name: "W3", shape: [100, 10] },
    { name: "b3", shape: [10] },
  ]);
  assertEquals(model.inputs, [{ name: "pixels", shape: [-1, 784] }]);
  assertEquals(model.outputs[0], { name: "probabilities", shape: [-1, 10] });
  assertEquals(model.operators, [
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Sigmoid",
    "Gemm",
    "Softmax",
  ]);
  assertEquals(
    model.parameters,
    784 * 50 + 50 + 50 * 100 + 100 + 100 * 10 + 10,
  );
});

Deno.test("GET /api/models lists both models, the MLP first", async () => {
  const { models } = await getJson("/api/models");
  assertEquals(models.map((m: { name: string }) => m.name), [
    "mlp",
    "deep-cnn",
  ]);
  assertEquals(models[1].accuracy, 0.9797);
  assertEquals(models[1].inputs, [{ name: "pixels", shape: [-1, 1, 28, 28] }]);
});

Deno.test("GET /api/report serves model/report.json; ?model=deep-cnn its own", async () => {
  const committed = JSON.parse(
    await Deno.readTextFile(
      new URL("../../model/report.json", import.meta.url),
    ),
  );
  assertEquals(await getJson("/api/report"), committed);
  const cnn = await getJson("/api/report?model=deep-cnn");
  assertEquals([cnn.model, cnn.correct], ["deep-cnn", 9797]);
});

Deno.test("GET /api/health says alive and which models are loaded", async () => {
  await getJson("/api/models"); // waits for both to load
  assertEquals(await getJson("/api/health"), {
    status: "ok",
    models: { mlp: true, "deep-cnn": true },
  });
});

Deno.test("unknown models answer 404 with the served names", async () => {
  for (
    const path of [
      "/api/models/lenet",
      "/api/report?model=lenet",
      "/api/models/__proto__",
    ]
  ) {
    const [status, error] = await errorOf(await testApp().request(path));
    assertEquals(status, 404);
    assertEquals(
      error.includes("served models are mlp, deep-cnn"),
      true,
      error,
    );
  }
});
