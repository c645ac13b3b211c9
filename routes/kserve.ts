/**
 * The KServe / Triton V2 inference protocol over the same models, so that
 * standard inference clients work: server and model health and metadata, the
 * repository index, and infer with JSON or binary tensors.
 *
 * @module
 */

import { toJsonNumbers } from "../lib/infer/mod.ts";
import { Hono } from "hono";
import type { Context } from "hono";
import { readInferRequestOffThread } from "../lib/http/mod.ts";
import { ClientError } from "../lib/errors.ts";
import { BODY_LIMITS } from "../lib/limits.ts";
import type { LoadedModel, ModelRegistry } from "../lib/runtime/mod.ts";
import {
  encodeBinaryResponse,
  fp32ToBytes,
  HEADER_LENGTH_HEADER,
  type InferRequest,
  preview,
} from "../lib/v2/mod.ts";
import { IMAGE_SIZE } from "../lib/tensor.ts";
import { readBody } from "./body.ts";
import type { AppEnv } from "./env.ts";
import { computeSpans } from "./predict.ts";
import { V2_ROUTES } from "./v2_schemas.ts";

function metadata(model: LoadedModel) {
  const tensor = (t: { name: string; shape: number[] }) => ({
    name: t.name,
    datatype: "FP32",
    shape: [-1, ...t.shape.slice(1)],
  });
  return {
    name: model.name,
    versions: ["1"],
    platform: "onnxruntime_onnx",
    inputs: model.info.inputs.map((t) => ({
      ...tensor(t),
      shape: [-1, IMAGE_SIZE],
    })),
    outputs: model.info.outputs.map(tensor),
  };
}

/** Options of {@linkcode kserveRoutes}. */
export interface KserveOptions {
  /** The OpenAPI registry the routes are documented in (the app's). */
  registry?: { registerPath(route: unknown): void };
  /**
   * Whether the server has warmed up (routes/warm_up.ts):
   * `/v2/health/ready` says ready only then, every model loaded. Always, by
   * default.
   */
  warmedUp?: () => boolean;
}

/** The V2 routes under /v2, documented in the registry given. */
export function kserveRoutes(
  models: ModelRegistry,
  options: KserveOptions = {},
): Hono<AppEnv> {
  const { registry, warmedUp = () => true } = options;
  const app = new Hono<AppEnv>();
  for (const route of V2_ROUTES) registry?.registerPath(route);
  // V2 clients read {"error": "..."}, the shape every error of ours already has
  app.get(
    "/v2",
    (c) =>
      c.json({
        name: "mnist-deno",
        version: "1",
        extensions: ["model_repository", "binary_tensor_data", "statistics"],
      }),
  );
  repositoryRoutes(app, models);
  healthRoutes(app, models, warmedUp);
  app.get(
    "/v2/models/:name",
    async (c) => c.json(metadata(await models.get(c.req.param("name")))),
  );
  app.get("/v2/models/:name/versions/:version", async (c) => {
    versionOne(c.req.param("version"));
    return c.json(metadata(await models.get(c.req.param("name"))));
  });
  app.post("/v2/models/:name/infer", (c) => infer(c, models));
  app.post("/v2/models/:name/versions/:version/infer", (c) => {
    versionOne(c.req.param("version"));
    return infer(c, models);
  });
  return app;
}

/** Each model has one version, "1". */
function versionOne(version: string): void {
  if (version !== "1") {
    throw new ClientError(404, "Unknown version: this server has version 1");
  }
}

/**
 * The model_repository extension: the index, and load/unload refused as a
 * Triton started without explicit model control refuses them.
 */
function repositoryRoutes(app: Hono<AppEnv>, models: ModelRegistry): void {
  app.post("/v2/repository/index", async (c) => {
    const body = await readBody(c.req.raw, {
      limit: 4096,
      what: "index request",
      signal: c.get("workSignal"),
    });
    let onlyReady = false;
    if (body.length > 0) {
      try {
        onlyReady = JSON.parse(new TextDecoder().decode(body))?.ready === true;
      } catch {
        throw new ClientError(
          400,
          "Invalid JSON in the request body: check its syntax",
        );
      }
    }
    const index = models.names.map((name) => ({
      name,
      version: "1",
      state: models.isReady(name) ? "READY" : "LOADING",
    }));
    return c.json(
      onlyReady ? index.filter((entry) => entry.state === "READY") : index,
    );
  });
  app.post("/v2/repository/models/:name/:action{load|unload}", (c) => {
    throw new ClientError(
      400,
      `explicit model ${
        c.req.param("action")
      } is not allowed: the served models are built in`,
    );
  });
}

/** Liveness, and readiness of the server (warmed up) and of each model. */
function healthRoutes(
  app: Hono<AppEnv>,
  models: ModelRegistry,
  warmedUp: () => boolean,
): void {
  app.get("/v2/health/live", (c) => c.json({ live: true }));
  app.get("/v2/health/ready", (c) => {
    const ready = models.names.every((name) => models.isReady(name)) &&
      warmedUp();
    if (!ready) c.header("retry-after", "1"); // loading: ask again soon
    return c.json({ ready }, ready ? 200 : 503);
  });
  app.get("/v2/models/:name/ready", (c) => {
    const name = c.req.param("name");
    if (!models.has(name)) {
      throw new ClientError(
        404,
        `Unknown model ${preview(name)}: served models are ${
          models.names.join(", ")
        }`,
      );
    }
    const ready = models.isReady(name);
    if (!ready) c.header("retry-after", "1");
    return c.json({ name, ready }, ready ? 200 : 503);
  });
}

/** Reads an infer request (JSON or binary tensors), runs it, answers in kind. */
async function infer(c: Context<AppEnv>, models: ModelRegistry) {
  const model = await models.get(c.req.param("name"));
  c.set("model", model.name);
  const headerLength = c.req.header(HEADER_LENGTH_HEADER);
  if (headerLength !== undefined && !/^\d+$/.test(headerLength.trim())) {
    throw new ClientError(
      400,
      `${HEADER_LENGTH_HEADER} must be the byte length of the JSON header, got ${
        preview(headerLength)
      }`,
    );
  }
  const signal = c.get("workSignal");
  const bytes = await readBody(c.req.raw, {
    limit: BODY_LIMITS.v2,
    what: "infer request",
    signal,
    // JSON tensors are parsed into arrays and pixels: about 4× their text
    onBytes: (n) => c.get("work")?.charge(n * 4),
  });
  const request = await readInferRequestOffThread(
    bytes,
    headerLength === undefined ? undefined : Number(headerLength),
    { inputName: model.info.inputs[0].name, outputNames: model.outputNames },
    { signal }, // the body is this request's: moved, not copied
  );
  const images = request.pixels.shape[0];
  c.set("images", images);
  const asked = performance.now();
  const prediction = await model.predict(request.pixels, {
    outputs: request.outputs.map((output) => output.name),
    signal,
  });
  computeSpans(model.name, images, asked, prediction);
  return answer(c, model, request, {
    [model.outputNames[0]]: prediction.probabilities,
    ...prediction.outputs,
  });
}

/** The infer answer: JSON, or a JSON header and binary tensors after it. */
function answer(
  c: Context<AppEnv>,
  model: LoadedModel,
  request: InferRequest,
  tensors: Record<string, { data: Float32Array; shape: number[] }>,
): Response {
  const binaries: Uint8Array[] = [];
  const header = {
    model_name: model.name,
    model_version: "1",
    ...(request.id === undefined ? {} : { id: request.id }),
    outputs: request.outputs.map(({ name, binary }) => {
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
    // a page of another origin may read the header that splits the body
    "access-control-expose-headers": HEADER_LENGTH_HEADER,
  });
}
