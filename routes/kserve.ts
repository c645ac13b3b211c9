// The KServe / Triton V2 inference protocol over the same models, so that
// standard inference clients work: health, metadata and infer.

import { Hono } from "hono";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ModelRegistry } from "../lib/serve/registry.ts";
import { toJsonNumbers } from "../lib/input/pixels.ts";
import {
  encodeBinaryResponse,
  fp32FromBytes,
  fp32ToBytes,
  HEADER_LENGTH_HEADER,
  splitBinaryRequest,
  wantsBinary,
} from "../lib/serve/v2_binary.ts";
import { fail, fromClient } from "./errors.ts";
import { chooseModel } from "./catalogue.ts";
import { MAX_BATCH } from "./schemas.ts";
import { BODY_LIMITS } from "./predict.ts";
import { bodyLimit } from "hono/body-limit";

/**
 * A short, bounded rendering of a client's value for an error message: a
 * huge or deeply nested value must not cost time to print or be echoed back.
 */
export function preview(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  }
  if (
    typeof value === "number" || typeof value === "boolean" || value === null
  ) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === undefined ? "nothing" : `an ${typeof value}`;
}

/** The V2 input tensor as JSON carries it. */
interface InferInput {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
}

function readInput(
  body: unknown,
  inputName: string,
  binary: Uint8Array | undefined,
): Float32Array {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    fail(
      400,
      'The body must be a JSON object with "inputs": [{"name", "shape", "datatype", "data"}]',
    );
  }
  const { inputs } = body as { inputs?: unknown };
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    fail(400, `"inputs" must hold exactly one tensor, named ${inputName}`);
  }
  const input = inputs[0] as InferInput;
  if (input === null || typeof input !== "object") {
    fail(400, '"inputs"[0] must be an object');
  }
  if (input.name !== inputName) {
    fail(
      400,
      `Unknown input ${
        preview(input.name)
      }: this model's input is ${inputName}`,
    );
  }
  if (input.datatype !== "FP32") {
    fail(
      400,
      `Unsupported datatype ${preview(input.datatype)}: send FP32`,
    );
  }
  const shape = input.shape;
  if (
    !Array.isArray(shape) || shape.length !== 2 || shape[1] !== 784 ||
    !Number.isInteger(shape[0]) || shape[0] < 1 || shape[0] > MAX_BATCH
  ) {
    fail(
      400,
      `Shape must be [N, 784] with N from 1 to ${MAX_BATCH}, got ${
        preview(shape)
      }`,
    );
  }
  if (binary) {
    if (input.data !== undefined) {
      fail(
        400,
        '"data" and binary_data_size both given: send the tensor one way',
      );
    }
    if (binary.length !== shape[0] * 784 * 4) {
      fail(
        400,
        `binary_data_size must be N×784×4 = ${
          shape[0] * 784 * 4
        } bytes (little-endian FP32), got ${binary.length}`,
      );
    }
    return fp32FromBytes(binary);
  }
  let data = input.data;
  if (Array.isArray(data) && data.some(Array.isArray)) {
    data = (data as unknown[]).flat(2);
  }
  if (!Array.isArray(data) || data.length !== shape[0] * 784) {
    fail(
      400,
      `"data" must hold N×784 = ${shape[0] * 784} numbers (row-major), got ${
        Array.isArray(data) ? data.length : typeof data
      }`,
    );
  }
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (typeof value !== "number") {
      fail(
        400,
        `data[${i}] is ${preview(value)}: numbers in [0, 1] expected`,
      );
    }
    values[i] = value;
  }
  return values;
}

/** An output the client asked for, and whether it goes back as binary data. */
interface RequestedOutput {
  name: string;
  binary: boolean;
}

function requestedOutputs(
  body: unknown,
  available: readonly string[],
): RequestedOutput[] {
  const outputs = (body as { outputs?: unknown }).outputs;
  if (outputs === undefined) {
    return [{ name: available[0], binary: wantsBinary(body) }];
  }
  if (!Array.isArray(outputs) || outputs.length === 0) {
    fail(400, '"outputs" must be a non-empty list of {"name": ...}');
  }
  return outputs.map((output) => {
    const name = (output as { name?: unknown })?.name;
    if (typeof name !== "string" || !available.includes(name)) {
      fail(
        400,
        `Unknown output ${preview(name)}: outputs are ${available.join(", ")}`,
      );
    }
    return { name, binary: wantsBinary(body, output) };
  });
}

function metadata(model: Awaited<ReturnType<ModelRegistry["get"]>>) {
  const tensor = (t: { name: string; shape: number[] }) => ({
    name: t.name,
    datatype: "FP32",
    shape: [-1, ...t.shape.slice(1)],
  });
  return {
    name: model.name,
    versions: ["1"],
    platform: "onnxruntime_onnx",
    inputs: model.info.inputs.map((t) => ({ ...tensor(t), shape: [-1, 784] })),
    outputs: model.info.outputs.map(tensor),
  };
}

/** The V2 routes under /v2. */
export function kserveRoutes(models: ModelRegistry): Hono {
  const app = new Hono();

  // V2 clients read {"error": "..."}, the shape every error of ours already has
  app.get(
    "/v2",
    (c) =>
      c.json({
        name: "mnist-deno",
        version: "1",
        extensions: ["model_repository", "binary_tensor_data"],
      }),
  );
  app.get("/v2/health/live", (c) => c.json({ live: true }));
  app.get("/v2/health/ready", (c) => {
    const ready = models.names.every((name) => models.isReady(name));
    return c.json({ ready }, ready ? 200 : 503);
  });
  app.get(
    "/v2/models/:name",
    async (c) =>
      c.json(metadata(await chooseModel(models, c.req.param("name")))),
  );
  app.get("/v2/models/:name/versions/:version", async (c) => {
    if (c.req.param("version") !== "1") {
      fail(404, "Unknown version: this server has version 1");
    }
    return c.json(metadata(await chooseModel(models, c.req.param("name"))));
  });
  app.get("/v2/models/:name/ready", (c) => {
    const name = c.req.param("name");
    if (!models.has(name)) {
      fail(
        404,
        `Unknown model ${preview(name)}: served models are ${
          models.names.join(", ")
        }`,
      );
    }
    const ready = models.isReady(name);
    return c.json({ name, ready }, ready ? 200 : 503);
  });

  const infer = async (c: Context) => {
    const model = await chooseModel(models, c.req.param("name"));
    const headerLength = c.req.header(HEADER_LENGTH_HEADER);
    if (headerLength !== undefined && !/^\d+$/.test(headerLength.trim())) {
      fail(
        400,
        `${HEADER_LENGTH_HEADER} must be the byte length of the JSON header, got ${
          JSON.stringify(headerLength)
        }`,
      );
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const { header: body, inputs } = await fromClient(() =>
      splitBinaryRequest(
        bytes,
        headerLength === undefined ? undefined : Number(headerLength),
      )
    );
    const values = readInput(body, model.info.inputs[0].name, inputs[0]);
    const outputs = requestedOutputs(body, model.session.outputNames);
    const names = outputs.map((output) => output.name);
    const probabilitiesName = model.session.outputNames[0];
    const extra = names.filter((name) => name !== probabilitiesName);
    // activations bypass the batcher, which only carries probabilities
    const prediction = await fromClient(() =>
      extra.length === 0
        ? model.predict(values)
        : model.session.predict(values, extra)
    );
    const tensors = {
      [probabilitiesName]: prediction.probabilities,
      ...prediction.outputs,
    };
    const id = (body as { id?: unknown }).id;
    if (id !== undefined && (typeof id !== "string" || id.length > 256)) {
      fail(
        400,
        `"id" must be a string of at most 256 characters, got ${preview(id)}`,
      );
    }
    const binaries: Uint8Array[] = [];
    const header = {
      model_name: model.name,
      model_version: "1",
      ...(typeof id === "string" ? { id } : {}),
      outputs: outputs.map(({ name, binary }) => {
        const { data, shape } = tensors[name];
        const tensor = { name, datatype: "FP32", shape };
        if (!binary) return { ...tensor, data: toJsonNumbers(data) };
        binaries.push(fp32ToBytes(data));
        return { ...tensor, parameters: { binary_data_size: data.byteLength } };
      }),
    };
    if (binaries.length === 0) return c.json(header);
    const response = encodeBinaryResponse(header, binaries);
    return c.body(response.body, 200, {
      "content-type": "application/octet-stream",
      [HEADER_LENGTH_HEADER]: String(response.headerLength),
    });
  };
  const limit = bodyLimit({
    maxSize: BODY_LIMITS.json,
    onError: () => {
      throw new HTTPException(413, {
        message:
          `The body is over its limit of ${BODY_LIMITS.json} bytes: send a smaller batch`,
      });
    },
  });
  app.post("/v2/models/:name/infer", limit, infer);
  app.post("/v2/models/:name/versions/:version/infer", limit, (c) => {
    if (c.req.param("version") !== "1") {
      fail(404, "Unknown version: this server has version 1");
    }
    return infer(c);
  });
  return app;
}
