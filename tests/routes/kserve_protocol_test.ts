/**
 * The V2 inference protocol's own cases against `routes/kserve.ts`: server
 * and model health and metadata, the repository index, JSON and binary infer
 * with and without `outputs`, compression, errors — and the HTTP requests of
 * the official tritonclient, replayed from tests/fixtures/tritonclient_http.json.
 *
 * @module
 */

import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { HEADER_LENGTH_HEADER } from "../../lib/v2/mod.ts";
import { row } from "../../lib/tensor.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import { BOOK_IMAGE_11, testImages } from "../_data.ts";

interface Case {
  name: string;
  headers: Record<string, string>;
  header: Record<string, unknown>;
  binaryInput: boolean;
  expect: {
    id?: string;
    outputs: { name: string; shape: number[]; binary: boolean }[];
  };
}

const fixtures: { cases: Case[] } = JSON.parse(
  await Deno.readTextFile(
    new URL("../fixtures/tritonclient_http.json", import.meta.url),
  ),
);

async function image11(): Promise<Float32Array> {
  const [images] = await testImages();
  return row(images, 11) as Float32Array;
}

async function compress(bytes: Uint8Array, format: string) {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream(format as CompressionFormat));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Builds the request body as tritonclient does: JSON, then the input's raw bytes. */
async function requestOf(c: Case): Promise<[Uint8Array, Headers]> {
  const pixels = await image11();
  const header = structuredClone(c.header);
  for (const input of header.inputs as { data?: unknown }[]) {
    if (input.data === "image11") input.data = [...pixels];
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headers = new Headers(c.headers);
  let body: Uint8Array = json;
  if (c.binaryInput) {
    const raw = new Uint8Array(pixels.slice().buffer);
    body = new Uint8Array(json.length + raw.length);
    body.set(json);
    body.set(raw, json.length);
    headers.set(HEADER_LENGTH_HEADER, String(json.length));
  }
  const encoding = headers.get("content-encoding");
  if (encoding) body = await compress(body, encoding);
  return [body, headers];
}

/** Parses an answer as tritonclient's InferResult does. */
async function resultOf(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const length = response.headers.get(HEADER_LENGTH_HEADER);
  const jsonLength = length === null ? bytes.length : Number(length);
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(0, jsonLength)),
  );
  let offset = jsonLength;
  const tensors: Record<
    string,
    { shape: number[]; data: number[]; binary: boolean }
  > = {};
  for (const output of header.outputs) {
    const size = output.parameters?.binary_data_size;
    if (size !== undefined) {
      const slice = bytes.slice(offset, offset + size);
      offset += size;
      tensors[output.name] = {
        shape: output.shape,
        data: [...new Float32Array(slice.buffer)],
        binary: true,
      };
    } else {
      tensors[output.name] = {
        shape: output.shape,
        data: output.data,
        binary: false,
      };
    }
  }
  assertEquals(offset, bytes.length, "every byte of the answer is claimed");
  return { header, tensors };
}

for (const c of fixtures.cases) {
  Deno.test(`tritonclient: ${c.name}`, async () => {
    const [body, headers] = await requestOf(c);
    const response = await testApp().request("/v2/models/mlp/infer", {
      method: "POST",
      headers,
      body: body as Uint8Array<ArrayBuffer>,
    });
    assertEquals(response.status, 200, await response.clone().text());
    const anyBinary = c.expect.outputs.some((o) => o.binary);
    if (anyBinary) {
      assertEquals(
        response.headers.get("access-control-expose-headers"),
        HEADER_LENGTH_HEADER,
      );
    }
    const { header, tensors } = await resultOf(response);
    assertEquals(header.model_name, "mlp");
    assertEquals(header.id, c.expect.id);
    assertEquals(
      header.outputs.map((o: { name: string }) => o.name),
      c.expect.outputs.map((o) => o.name),
    );
    for (const expected of c.expect.outputs) {
      const tensor = tensors[expected.name];
      assertEquals(tensor.shape, expected.shape);
      assertEquals(tensor.binary, expected.binary);
      assertEquals(tensor.data.length, expected.shape[1]);
    }
    BOOK_IMAGE_11.forEach((p, j) =>
      assertAlmostEquals(tensors.probabilities.data[j], p, 1e-6)
    );
  });
}

Deno.test("V2: the server advertises only extensions it serves, and serves the repository index", async () => {
  const server = await (await testApp().request("/v2")).json();
  assertEquals(server.extensions.sort(), [
    "binary_tensor_data",
    "model_repository",
    "statistics",
  ]);
  // statistics: served (tests/routes/metrics_test.ts checks the numbers)
  assertEquals((await testApp().request("/v2/models/stats")).status, 200);
  await testApp().request("/api/models"); // both loaded
  const index = await postJson("/v2/repository/index", "");
  assertEquals(index.status, 200);
  assertEquals(await index.json(), [
    { name: "mlp", version: "1", state: "READY" },
    { name: "deep-cnn", version: "1", state: "READY" },
  ]);
  const ready = await postJson("/v2/repository/index", { ready: true });
  assertEquals((await ready.json()).length, 2);
  const [status, error] = await errorOf(
    await postJson("/v2/repository/models/mlp/load", ""),
  );
  assertEquals(status, 400);
  assert(error.includes("not allowed"), error);
});

Deno.test("V2: with no outputs named, a JSON request gets every output of the model as JSON", async () => {
  const response = await postJson("/v2/models/mlp/infer", {
    inputs: [{
      name: "pixels",
      shape: [1, 784],
      datatype: "FP32",
      data: [...await image11()],
    }],
  });
  assertEquals(response.status, 200);
  const body = await response.json();
  const meta = await (await testApp().request("/v2/models/mlp")).json();
  assertEquals(
    body.outputs.map((o: { name: string }) => o.name),
    meta.outputs.map((o: { name: string }) => o.name),
  );
  assertEquals(body.outputs.every((o: { data?: number[] }) => o.data), true);
});

Deno.test("V2: a Content-Encoding the server does not decode is a 415, not a JSON error", async () => {
  const [status, error] = await errorOf(
    await postJson("/v2/models/mlp/infer", "{}", { "content-encoding": "br" }),
  );
  assertEquals(status, 415);
  assert(error.includes("Content-Encoding"), error);
});

Deno.test("V2: the OpenAPI document covers /v2", async () => {
  const doc = await (await testApp().request("/api/openapi.json")).json();
  for (
    const path of [
      "/v2",
      "/v2/health/live",
      "/v2/health/ready",
      "/v2/repository/index",
      "/v2/models/{name}",
      "/v2/models/{name}/ready",
      "/v2/models/{name}/infer",
    ]
  ) {
    assert(doc.paths[path], `${path} is documented`);
  }
  assert(doc.components.schemas.V2InferRequest);
});
