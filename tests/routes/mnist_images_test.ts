/**
 * Tests of `routes/mnist_images.ts`.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals } from "@std/assert";
import { errorOf, testApp } from "../_app.ts";
import { BOOK_IMAGE_11, testImages } from "../_data.ts";
import { row } from "../../lib/tensor.ts";

Deno.test("GET /api/mnist/11 is the book's predict(x[11]): label 6, digit 6, its probabilities", async () => {
  const response = await testApp().request("/api/mnist/11");
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  const body = await response.json();
  assertEquals([body.index, body.label, body.digit], [11, 6, 6]);
  BOOK_IMAGE_11.forEach((p, j) =>
    assertAlmostEquals(body.probabilities[j], p, 1e-6)
  );
  const [images] = await testImages();
  assertEquals(body.pixels.map(Math.fround), [...row(images, 11)]);
});

Deno.test("GET /api/mnist/9999?model=deep-cnn answers with the DeepConvNet", async () => {
  const body = await (await testApp().request("/api/mnist/9999?model=deep-cnn"))
    .json();
  assertEquals([body.index, body.label], [9999, 6]);
  assertEquals(body.probabilities.length, 10);
});

const errorCases: [string, number, string][] = [
  ["/api/mnist/10000", 404, "indexes run from 0 to 9999"],
  ["/api/mnist/-1", 400, "whole number from 0 to 9999"],
  ["/api/mnist/abc", 400, "whole number"],
  ["/api/mnist/1.5", 400, "whole number"],
  ["/api/mnist/99999999999", 400, "whole number"],
  ["/api/mnist/3?model=nope", 404, "Unknown model"],
];

for (const [path, status, message] of errorCases) {
  Deno.test(`GET ${path} answers ${status}`, async () => {
    const [actual, error] = await errorOf(await testApp().request(path));
    assertEquals(actual, status);
    assertEquals(error.includes(message), true, error);
  });
}
