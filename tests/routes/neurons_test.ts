import { assertEquals } from "@std/assert";
import { errorOf, testApp } from "../_app.ts";
import { bookWeights, testImages } from "../_data.ts";
import { row } from "../../lib/tensor.ts";
import { forwardMlp } from "../../lib/reference/mod.ts";

Deno.test("GET /api/models/mlp/neurons/12 is column 12 of the book's W1 and b1[12]", async () => {
  const response = await testApp().request("/api/models/mlp/neurons/12");
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  const body = await response.json();
  assertEquals([body.model, body.layer, body.index], ["mlp", 1, 12]);
  const { W1, b1 } = await bookWeights();
  const column = Array.from({ length: 784 }, (_, p) => W1.data[p * 50 + 12]);
  assertEquals(body.weights.map(Math.fround), column);
  assertEquals(Math.fround(body.bias), b1.data[12]);
});

Deno.test("a neuron's weights times test image 11, plus its bias, give the book's a1", async () => {
  const [images] = await testImages();
  const x = row(images, 11);
  const weights = await bookWeights();
  const { a1 } = forwardMlp(weights, { data: x, shape: [1, 784] });
  for (const index of [0, 31, 49]) {
    const body = await (await testApp().request(
      `/api/models/mlp/neurons/${index}`,
    )).json();
    const sum = body.weights.reduce(
      (s: number, w: number, p: number) => s + w * x[p],
      body.bias,
    );
    assertEquals(Math.abs(sum - a1.data[index]) < 1e-4, true, `${sum}`);
  }
});

const errorCases: [string, number, string][] = [
  ["/api/models/mlp/neurons/50", 404, "neurons 0 to 49"],
  ["/api/models/mlp/neurons/-1", 400, "whole number from 0 to 49"],
  ["/api/models/mlp/neurons/x", 400, "whole number"],
  ["/api/models/mlp/neurons/1234", 400, "whole number"],
];

for (const [path, status, message] of errorCases) {
  Deno.test(`GET ${path} answers ${status}`, async () => {
    const [actual, error] = await errorOf(await testApp().request(path));
    assertEquals(actual, status);
    assertEquals(error.includes(message), true, error);
  });
}
