/**
 * Tests of `routes/kserve.ts`.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertThrows,
} from "@std/assert";
import { LARGE_JSON } from "../../lib/http/mod.ts";
import { pixelsFromFloats } from "../../lib/input/mod.ts";
import { ClientError } from "../../lib/errors.ts";
import { readInferRequest, splitBinaryRequest } from "../../lib/v2/mod.ts";
import { row } from "../../lib/tensor.ts";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { createApp } from "../../routes/app.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import { parsesOver } from "../_json_parse.ts";
import { BOOK_IMAGE_11, mlpSession, testImages } from "../_data.ts";

async function getJson(path: string, status = 200) {
  const response = await testApp().request(path);
  assertEquals(response.status, status);
  assertEquals(response.headers.get("content-type"), "application/json");
  return await response.json();
}

Deno.test("V2 health, server and model metadata answer as KServe clients expect", async () => {
  assertEquals(await getJson("/v2/health/live"), { live: true });
  await getJson("/api/models"); // both loaded
  assertEquals(await getJson("/v2/health/ready"), { ready: true });
  assertEquals(await getJson("/v2/models/mlp/ready"), {
    name: "mlp",
    ready: true,
  });
  const meta = await getJson("/v2/models/mlp");
  assertEquals(meta.name, "mlp");
  assertEquals(meta.inputs, [{
    name: "pixels",
    datatype: "FP32",
    shape: [-1, 784],
  }]);
  assertEquals(meta.outputs[0], {
    name: "probabilities",
    datatype: "FP32",
    shape: [-1, 10],
  });
  assert((await getJson("/v2")).extensions.length > 0);
});

Deno.test("POST /v2/models/mlp/infer gives test image 11's probabilities as an FP32 [1, 10] tensor", async () => {
  const [images] = await testImages();
  const response = await postJson("/v2/models/mlp/infer", {
    id: "book-11",
    inputs: [{
      name: "pixels",
      shape: [1, 784],
      datatype: "FP32",
      data: [...row(images, 11)],
    }],
  });
  assertEquals(response.status, 200);
  assertEquals(response.headers.get("content-type"), "application/json");
  const body = await response.json();
  assertEquals([body.model_name, body.id], ["mlp", "book-11"]);
  const [output] = body.outputs;
  assertEquals([output.name, output.datatype, output.shape], [
    "probabilities",
    "FP32",
    [1, 10],
  ]);
  BOOK_IMAGE_11.forEach((p, j) => assertAlmostEquals(output.data[j], p, 1e-6));
});

Deno.test("POST /v2/models/mlp/infer takes a batch and returns the hidden layers when asked", async () => {
  const [images] = await testImages();
  const data = [...images.data.subarray(0, 3 * 784)];
  const body = await (await postJson("/v2/models/mlp/infer", {
    inputs: [{ name: "pixels", shape: [3, 784], datatype: "FP32", data }],
    outputs: [{ name: "probabilities" }, { name: "z1" }, { name: "a3" }],
  })).json();
  assertEquals(
    body.outputs.map((
      o: { name: string; shape: number[] },
    ) => [o.name, o.shape]),
    [
      ["probabilities", [3, 10]],
      ["z1", [3, 50]],
      ["a3", [3, 10]],
    ],
  );
  const digits = [0, 1, 2].map((i) => {
    const p = body.outputs[0].data.slice(i * 10, i * 10 + 10);
    return p.indexOf(Math.max(...p));
  });
  assertEquals(digits, [7, 2, 1]);
});

Deno.test("POST /v2/models/mlp/infer parses JSON over a megabyte off the event loop, with the answers and errors of one parsed here", async () => {
  const [images] = await testImages();
  const data = [...images.data.subarray(0, 400 * 784)];
  const request = (values: number[]) =>
    JSON.stringify({
      id: "large",
      inputs: [{
        name: "pixels",
        shape: [400, 784],
        datatype: "FP32",
        data: values,
      }],
      outputs: [{ name: "probabilities" }],
    });
  const text = request(data);
  assert(text.length > LARGE_JSON, `${text.length} bytes`);
  let body:
    | { id: string; outputs: { data: number[]; shape: number[] }[] }
    | undefined;
  const parses = await parsesOver(LARGE_JSON, async () => {
    const response = await postJson("/v2/models/mlp/infer", text);
    assertEquals(response.status, 200);
    body = await response.json();
  });
  assertEquals(parses, 0, "the body was parsed on the event loop");
  assertEquals(body!.id, "large");
  assertEquals(body!.outputs[0].shape, [400, 10]);
  const probabilities = await (await mlpSession()).predict(
    pixelsFromFloats(images.data.subarray(0, 400 * 784)),
  );
  body!.outputs[0].data.forEach((p, j) =>
    assertAlmostEquals(p, probabilities.probabilities.data[j], 1e-6)
  );
  // a mistake found in the worker is answered as one found here
  data[399 * 784 + 5] = -1;
  const wrong = request(data);
  const here = assertThrows(() => {
    const { header, inputs } = splitBinaryRequest(
      new TextEncoder().encode(wrong),
    );
    readInferRequest(header, inputs[0], {
      inputName: "pixels",
      outputNames: ["probabilities"],
    });
  }, ClientError);
  assertEquals(
    await errorOf(await postJson("/v2/models/mlp/infer", wrong)),
    [here.status, here.message],
  );
});

Deno.test("POST /v2/models/deep-cnn/infer runs the DeepConvNet", async () => {
  const [images] = await testImages();
  const body = await (await postJson("/v2/models/deep-cnn/infer", {
    inputs: [{
      name: "pixels",
      shape: [1, 784],
      datatype: "FP32",
      data: [...row(images, 0)],
    }],
  })).json();
  assertEquals(body.model_name, "deep-cnn");
  assertEquals(body.outputs[0].shape, [1, 10]);
});

const input = (change: Record<string, unknown>) => ({
  inputs: [{
    name: "pixels",
    shape: [1, 784],
    datatype: "FP32",
    data: new Array(784).fill(0),
    ...change,
  }],
});

const errorCases: [string, unknown, number, string, string?][] = [
  ["invalid JSON", "{", 400, "Invalid JSON"],
  ["no inputs", {}, 400, '"inputs" must hold exactly one tensor'],
  [
    "a wrong input name",
    input({ name: "x" }),
    400,
    "this model's input is pixels",
  ],
  ["a wrong datatype", input({ datatype: "INT8" }), 400, "send FP32"],
  ["a wrong shape", input({ shape: [1, 783] }), 400, "[N, 784]"],
  ["data of the wrong length", input({ data: [0, 0] }), 400, "784 numbers"],
  [
    "non-numbers",
    input({ data: new Array(784).fill("a") }),
    400,
    "values in [0, 1] expected",
  ],
  [
    "values out of range",
    input({ data: new Array(784).fill(3) }),
    422,
    "values in [0, 1] expected",
  ],
  [
    "an unknown output",
    { ...input({}), outputs: [{ name: "z9" }] },
    400,
    "Unknown output",
  ],
  ["an unknown model", input({}), 404, "Unknown model", "/v2/models/vgg/infer"],
];

for (const [name, body, status, message, path] of errorCases) {
  Deno.test(`POST /v2/models/mlp/infer answers ${status} to ${name}`, async () => {
    const [actual, error] = await errorOf(
      await postJson(path ?? "/v2/models/mlp/infer", body),
    );
    assertEquals(actual, status, error);
    assert(error.includes(message), error);
  });
}

Deno.test("V2 metadata of an unknown model is a 404 error", async () => {
  for (const path of ["/v2/models/vgg", "/v2/models/vgg/ready"]) {
    const [status] = await errorOf(await testApp().request(path));
    assertEquals(status, 404);
  }
});

Deno.test("V2 errors quote a client's value briefly, however large or deep it is", async () => {
  const nested = (depth: number) => {
    const deep = "[".repeat(depth) + "]".repeat(depth);
    return `{"inputs":[{"name":${deep},"shape":[1,784],"datatype":"FP32","data":[]}]}`;
  };
  const [status, error] = await errorOf(
    await postJson("/v2/models/mlp/infer", nested(20_000)),
  );
  assertEquals(status, 400);
  assert(error.length < 200, error);
  assert(error.includes("an array of 1"), error);
  // deeper than a body may open arrays: refused before it is parsed
  const [deepStatus, deepError] = await errorOf(
    await postJson("/v2/models/mlp/infer", nested(50_000)),
  );
  assertEquals(deepStatus, 400);
  assert(deepError.includes("more than 32768 arrays and objects"), deepError);
  const [, long] = await errorOf(
    await postJson(
      "/v2/models/mlp/infer",
      input({ datatype: "x".repeat(100_000) }),
    ),
  );
  assert(long.length < 200, long);
  const [idStatus] = await errorOf(
    await postJson("/v2/models/mlp/infer", {
      ...input({}),
      id: "i".repeat(300),
    }),
  );
  assertEquals(idStatus, 400);
});

Deno.test("POST /v2/models/mlp/versions/2/infer is an unknown version, 404", async () => {
  const [status, error] = await errorOf(
    await postJson("/v2/models/mlp/versions/2/infer", input({})),
  );
  assertEquals(status, 404);
  assert(error.includes("version 1"), error);
  const ok = await postJson("/v2/models/mlp/versions/1/infer", input({}));
  assertEquals(ok.status, 200);
  await ok.body?.cancel();
});

Deno.test("/v2/health/ready says ready only once the server has warmed up, its models loaded", async () => {
  const models = new ModelRegistry();
  await Promise.all(models.names.map((name) => models.get(name)));
  let warm = false;
  const app = createApp({ models, warmedUp: () => warm });
  const cold = await app.request("/v2/health/ready");
  assertEquals([cold.status, await cold.json()], [503, { ready: false }]);
  assertEquals(cold.headers.get("retry-after"), "1");
  const live = await app.request("/v2/health/live");
  assertEquals(live.status, 200, "alive while warming up");
  warm = true;
  const ready = await app.request("/v2/health/ready");
  assertEquals([ready.status, await ready.json()], [200, { ready: true }]);
  for (
    const model of await Promise.all(models.names.map((n) => models.get(n)))
  ) {
    await model.release();
  }
});
