/**
 * Tests of `lib/input/predict_body.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import { parseJson, readPredictBody } from "../../../lib/input/predict_body.ts";

const image = new Array(784).fill(0.5);

Deno.test("readPredictBody() reads one image or a batch", () => {
  const one = readPredictBody({ pixels: image });
  assertEquals([one.single, one.pixels.shape], [true, [1, 784]]);
  const two = readPredictBody({ batch: [image, image], scale: 1 });
  assertEquals([two.single, two.pixels.shape], [false, [2, 784]]);
  const raw = readPredictBody({ pixels: new Array(784).fill(255), scale: 255 });
  assertEquals(raw.pixels.data[0], 1);
});

const errorCases: [unknown, number, string][] = [
  [null, 400, "must be a JSON object"],
  [[1, 2], 400, "must be a JSON object"],
  ["text", 400, "must be a JSON object"],
  [{}, 400, 'send either "pixels"'],
  [{ pixels: image, batch: [image] }, 400, 'send either "pixels"'],
  [{ pixels: image, colour: "red" }, 400, 'unknown field "colour"'],
  [{ pixels: image, scale: 100 }, 400, "scale is 1"],
  [{ batch: image[0] }, 400, "batch is a list"],
  [{ batch: [] }, 400, "batch is empty"],
  [{ batch: new Array(1001).fill(image) }, 400, "over the limit of 1000"],
  [{ pixels: [0, 1] }, 400, "Cannot read pixels: 784 numbers"],
  [{ batch: [image, [2, ...image.slice(1)]] }, 422, "batch[1]: pixel 0"],
  [{ pixels: new Array(784).fill(200) }, 422, '"scale": 255'],
];

for (const [body, status, message] of errorCases) {
  Deno.test(`readPredictBody() refuses ${JSON.stringify(body)?.slice(0, 40)} with ${status}`, () => {
    const error = assertThrows(
      () => readPredictBody(body),
      ClientError,
      message,
    );
    assertEquals(error.status, status);
  });
}

Deno.test("parseJson() says an empty body or bad JSON is the client's", () => {
  assertEquals(parseJson(new TextEncoder().encode('{"a":1}')), { a: 1 });
  const empty = assertThrows(() => parseJson(new Uint8Array()), ClientError);
  assertEquals([empty.status, empty.message.includes("empty")], [400, true]);
  const bad = assertThrows(
    () => parseJson(new TextEncoder().encode("{")),
    ClientError,
    "Invalid JSON",
  );
  assertEquals(bad.status, 400);
});
