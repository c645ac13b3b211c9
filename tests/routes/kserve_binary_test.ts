/**
 * The V2 route with the binary tensor data extension (lib/v2_binary.ts),
 * in-process: binary inputs, binary outputs, mixed answers and their errors.
 *
 * @module
 */

import { assertAlmostEquals, assertEquals } from "@std/assert";
import { row, rows } from "../../lib/tensor.ts";
import {
  encodeBinaryResponse,
  fp32FromBytes,
  fp32ToBytes,
} from "../../lib/v2/mod.ts";
import { errorOf, postJson, testApp } from "../_app.ts";
import { BOOK_IMAGE_11, testImages } from "../_data.ts";

const INFER = "/v2/models/mlp/infer";

/** POSTs a JSON header followed by binary tensors, as Triton's client does. */
async function postBinary(
  header: unknown,
  tensors: Uint8Array[],
  headers: Record<string, string> = {},
): Promise<Response> {
  const { body, headerLength } = encodeBinaryResponse(header, tensors);
  return await testApp().request(INFER, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(headerLength),
      ...headers,
    },
    body,
  });
}

/** Splits a binary answer into its JSON header and the bytes after it. */
async function readBinary(
  response: Response,
): Promise<[{ outputs: Record<string, unknown>[] }, Uint8Array]> {
  const length = Number(
    response.headers.get("inference-header-content-length"),
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(0, length)),
  );
  return [header, bytes.subarray(length)];
}

function binaryInput(n: number) {
  return {
    name: "pixels",
    shape: [n, 784],
    datatype: "FP32",
    parameters: { binary_data_size: n * 784 * 4 },
  };
}

Deno.test("GET /v2 lists the binary_tensor_data extension", async () => {
  const response = await testApp().request("/v2");
  assertEquals(response.status, 200);
  const { extensions } = await response.json();
  assertEquals(extensions.includes("binary_tensor_data"), true);
});

Deno.test("POST /v2/models/mlp/infer reads binary pixels and answers binary probabilities", async () => {
  const [images] = await testImages();
  const response = await postBinary({
    inputs: [binaryInput(1)],
    outputs: [{ name: "probabilities", parameters: { binary_data: true } }],
  }, [fp32ToBytes(row(images, 11))]);
  assertEquals(response.status, 200);
  assertEquals(
    response.headers.get("content-type"),
    "application/octet-stream",
  );
  const [header, bytes] = await readBinary(response);
  assertEquals(header.outputs, [{
    name: "probabilities",
    datatype: "FP32",
    shape: [1, 10],
    parameters: { binary_data_size: 40 },
  }]);
  const probabilities = fp32FromBytes(bytes);
  BOOK_IMAGE_11.forEach((p, j) =>
    assertAlmostEquals(probabilities[j], p, 1e-6)
  );
});

Deno.test("POST /v2/models/mlp/infer answers JSON to binary pixels unless binary output is asked", async () => {
  const [images] = await testImages();
  const response = await postBinary(
    { id: "7", inputs: [binaryInput(3)] },
    [fp32ToBytes(rows(images, 10, 13).data)],
  );
  assertEquals(response.status, 200);
  assertEquals(
    response.headers.get("content-type")?.startsWith("application/json"),
    true,
  );
  const body = await response.json();
  assertEquals(body.id, "7");
  assertEquals(body.outputs[0].shape, [3, 10]);
  assertAlmostEquals(body.outputs[0].data[10 + 6], BOOK_IMAGE_11[6], 1e-6);
});

Deno.test("POST /v2/models/mlp/infer mixes JSON and binary outputs as each asks", async () => {
  const [images] = await testImages();
  const response = await postJson(INFER, {
    inputs: [{
      name: "pixels",
      shape: [2, 784],
      datatype: "FP32",
      data: Array.from(rows(images, 11, 13).data),
    }],
    parameters: { binary_data_output: true },
    outputs: [
      { name: "a1" },
      { name: "probabilities", parameters: { binary_data: false } },
      { name: "z2" },
    ],
  });
  assertEquals(response.status, 200);
  assertEquals(
    response.headers.get("content-type"),
    "application/octet-stream",
  );
  const [header, bytes] = await readBinary(response);
  assertEquals(header.outputs.map((o) => o.name), [
    "a1",
    "probabilities",
    "z2",
  ]);
  assertEquals(header.outputs[0].parameters, { binary_data_size: 2 * 50 * 4 });
  assertEquals(header.outputs[2].parameters, { binary_data_size: 2 * 100 * 4 });
  assertEquals(bytes.length, 2 * 50 * 4 + 2 * 100 * 4);
  const probabilities = header.outputs[1].data as number[];
  assertAlmostEquals(probabilities[6], BOOK_IMAGE_11[6], 1e-6);
  // z2 = sigmoid(a2), after a1's bytes: every value in (0, 1)
  const z2 = fp32FromBytes(bytes.subarray(400));
  assertEquals(z2.length, 200);
  assertEquals(z2.every((v) => v > 0 && v < 1), true);
});

Deno.test("POST /v2/models/mlp/infer refuses malformed binary requests with a 4xx and a message", async () => {
  const one = fp32ToBytes(new Float32Array(784));
  const nan = new Float32Array(784);
  nan[5] = NaN;
  const cases: [Promise<Response>, number, string][] = [
    [postBinary({ inputs: [binaryInput(2)] }, [one]), 400, "runs past"],
    [postBinary({ inputs: [binaryInput(1)] }, [one, one]), 400, "not claimed"],
    [
      postBinary({ inputs: [binaryInput(1)] }, [one], {
        "inference-header-content-length": "ten",
      }),
      400,
      "byte length of the JSON header",
    ],
    [
      postBinary({ inputs: [{ ...binaryInput(1), data: [0] }] }, [one]),
      400,
      "one way",
    ],
    [
      postBinary({
        inputs: [{
          ...binaryInput(1),
          shape: [2, 784],
        }],
      }, [one]),
      400,
      "N×784×4",
    ],
    [postBinary({ inputs: [binaryInput(1)] }, [fp32ToBytes(nan)]), 422, "NaN"],
  ];
  for (const [response, status, message] of cases) {
    const [gotStatus, error] = await errorOf(await response);
    assertEquals(gotStatus, status, error);
    assertEquals(error.includes(message), true, error);
  }
});
