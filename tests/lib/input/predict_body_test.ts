/**
 * Tests of `lib/input/predict_body.ts`: the JSON guard, then the predict body.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import {
  checkJsonContainers,
  parseJson,
  readPredictBody,
} from "../../../lib/input/predict_body.ts";
import { ClientError } from "../../../lib/errors.ts";
import {
  BODY_LIMITS,
  MAX_JSON_CONTAINERS,
  MAX_JSON_VALUES,
} from "../../../lib/limits.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("checkJsonContainers() lets the largest bodies the API reads through", () => {
  const rows = Array.from({ length: 28 }, () => Array(28).fill(0.5));
  // 1000 images of 28 rows: 29,001 arrays and one object
  checkJsonContainers(
    encode(JSON.stringify({ batch: Array(1000).fill(rows) })),
  );
  // a V2 tensor shaped [1000, 1, 28, 28]
  checkJsonContainers(
    encode(JSON.stringify({
      inputs: [{ name: "x", data: Array(1000).fill([rows]) }],
    })),
  );
});

Deno.test("checkJsonContainers() refuses bodies of millions of arrays or objects, deep or wide, with a 400 that says what to send", () => {
  const n = MAX_JSON_CONTAINERS + 1;
  const bombs = [
    "[".repeat(8_000_000) + "]".repeat(8_000_000),
    `{"batch": [${"[],".repeat(n)}[]]}`,
    '{"a":'.repeat(n) + "1" + "}".repeat(n),
    "[{".repeat(n / 2 + 1) + "}]".repeat(n / 2 + 1),
  ];
  for (const text of bombs) {
    const error = assertThrows(
      () => checkJsonContainers(encode(text)),
      ClientError,
      `more than ${MAX_JSON_CONTAINERS} arrays and objects`,
    );
    assertEquals(error.status, 400);
  }
  // the limit is the caller's, and so is the body's name
  assertThrows(
    () => checkJsonContainers(encode("[[[[" + " ".repeat(10)), 3, "header"),
    ClientError,
    "The header opens more than 3",
  );
});

Deno.test("checkJsonContainers() refuses 16 MiB of zeros before they are parsed, with a 400 that says what to send", () => {
  // the JSON body's limit filled with one image's zeros: 8,388,602 of them
  const prefix = '{"pixels":[';
  const n = (BODY_LIMITS.json - prefix.length - 2 + 1) / 2;
  const text = prefix + "0,".repeat(n - 1) + "0]}";
  assertEquals(text.length, BODY_LIMITS.json);
  for (
    const body of [
      text,
      // as V2 sends it, and the most values the limit lets through, plus one
      `{"inputs":[{"data":[${"0,".repeat(MAX_JSON_VALUES)}0]}]}`,
    ]
  ) {
    const error = assertThrows(
      () => checkJsonContainers(encode(body)),
      ClientError,
      `holds more than ${MAX_JSON_VALUES} values`,
    );
    assertEquals(error.status, 400);
  }
  // exactly the limit passes
  checkJsonContainers(encode(`[${"0,".repeat(MAX_JSON_VALUES - 1)}0]`));
});

Deno.test("checkJsonContainers() does not search a body no longer than its limit", () => {
  // 40 bytes cannot open more than 40: left to JSON.parse
  checkJsonContainers(encode("[".repeat(40)), 40);
  assertThrows(() => checkJsonContainers(encode("[".repeat(41)), 40));
});

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
