import "../../_data.ts"; // the shared decode pool configured for tests
import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import {
  LARGE_JSON,
  mnistInputOffThread,
  readInferRequestOffThread,
  readPredictJsonOffThread,
  sharedDecodePool,
} from "../../../lib/http/decode.ts";
import {
  decodeImage,
  type PredictBody,
  readPredictJson,
  toMnistInput,
} from "../../../lib/input/mod.ts";
import {
  type InferRequest,
  readInferRequest,
  splitBinaryRequest,
} from "../../../lib/v2/mod.ts";
import { parsesOver } from "../../_json_parse.ts";
import { assertRejectsClient } from "../../_errors.ts";

/** A dark bar on white paper, 60×90, as a PNG. */
const bar = (() => {
  const data = new Uint8Array(60 * 90 * 4).fill(255);
  for (let y = 20; y < 70; y++) {
    for (let x = 25; x < 33; x++) {
      data.fill(40, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
    }
  }
  return encodePng({ width: 60, height: 90, data });
})();

Deno.test("mnistInputOffThread() gives what toMnistInput(decodeImage()) gives, from one shared pool", async () => {
  const pool = sharedDecodePool();
  assertStrictEquals(sharedDecodePool(), pool);
  const { answered } = pool.stats;
  assertEquals(
    await mnistInputOffThread(bar.slice()),
    toMnistInput(decodeImage(bar)),
  );
  assertEquals(pool.stats.answered, answered + 1, "the shared pool did it");
  await assertRejectsClient(
    () => mnistInputOffThread(bar.slice(), { maxPixels: 100 }),
    413,
    "60×90 pixels is over the limit of 100",
  );
});

Deno.test("readPredictJsonOffThread() and readInferRequestOffThread() parse JSON over LARGE_JSON in the shared pool, and smaller JSON here, alike", async () => {
  const encode = (value: unknown) =>
    new TextEncoder().encode(JSON.stringify(value));
  const image = Array.from({ length: 784 }, (_, i) => (i % 97) / 96);
  const predict = (n: number) => encode({ batch: new Array(n).fill(image) });
  const target = { inputName: "x", outputNames: ["probabilities"] };
  const infer = (n: number) =>
    encode({
      inputs: [{
        name: "x",
        shape: [n, 784],
        datatype: "FP32",
        data: new Array(n).fill(image).flat(),
      }],
    });
  for (const [n, large] of [[10, false], [200, true]] as const) {
    const body = predict(n);
    const infers = infer(n);
    assertEquals(body.length > LARGE_JSON, large);
    assertEquals(infers.length > LARGE_JSON, large);
    const answeredBefore = sharedDecodePool().stats.answered;
    let read: PredictBody | undefined;
    let request: InferRequest | undefined;
    const parses = await parsesOver(
      LARGE_JSON,
      async () => {
        read = await readPredictJsonOffThread(body.slice());
        request = await readInferRequestOffThread(
          infers.slice(),
          undefined,
          target,
        );
      },
    );
    assertEquals(parses, 0, "nothing over LARGE_JSON parsed here");
    assertEquals(
      sharedDecodePool().stats.answered - answeredBefore,
      large ? 2 : 0,
    );
    assertEquals(read, readPredictJson(body));
    const { header, inputs } = splitBinaryRequest(infers);
    assertEquals(request, readInferRequest(header, inputs[0], target));
  }
  // the JSON header of a binary request decides, not its binary data
  const data = new Float32Array(400 * 784).fill(0.5);
  const header = encode({
    inputs: [{
      name: "x",
      shape: [400, 784],
      datatype: "FP32",
      parameters: { binary_data_size: data.byteLength },
    }],
  });
  const binary = new Uint8Array(header.length + data.byteLength);
  binary.set(header);
  binary.set(new Uint8Array(data.buffer), header.length);
  assert(binary.length > LARGE_JSON);
  const { answered } = sharedDecodePool().stats;
  const request = await readInferRequestOffThread(
    binary.slice(),
    header.length,
    target,
  );
  assertEquals(request.pixels.data, data);
  assertEquals(
    sharedDecodePool().stats.answered,
    answered,
    "not sent to the pool",
  );
});
