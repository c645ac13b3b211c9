/**
 * POST /api/predict: JSON pixels or a batch, an uploaded PNG/JPEG (raw body or
 * multipart field "image"), or raw N×784 bytes → digits and probabilities.
 * The body is read once under its kind's limit, checked once into pixels by
 * lib/input, and run by the model's one predict entry.
 *
 * @module
 */

import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { answersOf, type Prediction, toJsonNumbers } from "../lib/infer/mod.ts";
import {
  mnistInputOffThread,
  readPredictJsonOffThread,
} from "../lib/http/mod.ts";
import {
  decodeCost,
  type Pixels,
  pixelsFromBytes,
  pixelsFromFloats,
} from "../lib/input/mod.ts";
import { ClientError } from "../lib/errors.ts";
import { BODY_LIMITS, MAX_BATCH } from "../lib/limits.ts";
import type { LoadedModel, ModelRegistry } from "../lib/runtime/mod.ts";
import { bodyKind, checkFormParts, PREDICT_TYPES, readBody } from "./body.ts";
import type { AppEnv } from "./env.ts";
import { stepSpan } from "./middleware/edge.ts";
import { describeIssues } from "./errors.ts";
import {
  ErrorResponse,
  json,
  PredictQuery,
  PredictRequest,
  PredictResponse,
} from "./schemas.ts";

const binary = { type: "string", format: "binary" } as const;

/** The route as /api/openapi.json documents it (validation is lib/input's). */
export const predictRoute = createRoute({
  method: "post",
  path: "/api/predict",
  summary: "Predict the digit of one image or of a batch",
  request: {
    query: PredictQuery,
    body: {
      required: true,
      content: {
        "application/json": { schema: PredictRequest },
        "image/png": { schema: binary },
        "image/jpeg": { schema: binary },
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { image: binary },
            required: ["image"],
          },
        },
        "application/octet-stream": {
          schema: {
            ...binary,
            description: `N×784 unsigned bytes (0–255), N ≤ ${MAX_BATCH}`,
          },
        },
      },
    },
  },
  responses: {
    200: json(PredictResponse, "The predictions"),
    400: json(ErrorResponse, "A malformed request"),
    404: json(ErrorResponse, "Unknown model"),
    413: json(ErrorResponse, "A body over its size limit"),
    415: json(ErrorResponse, "An unsupported content type"),
    422: json(ErrorResponse, "Values out of range, or an image with no ink"),
    429: json(ErrorResponse, "Too many requests from this client"),
    503: json(ErrorResponse, "Busy: try again after Retry-After seconds"),
  },
});

interface Images {
  pixels: Pixels;
  /** For an uploaded picture: the 28×28 input it became. */
  input?: Float32Array;
  single: boolean;
}

/** The uploaded picture of a multipart body (of a few parts at most). */
async function formImage(bytes: Uint8Array, contentType: string) {
  checkFormParts(bytes, contentType);
  const form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": contentType },
  }).formData().catch(() => {
    throw new ClientError(
      400,
      "Cannot read the multipart form: check its boundary and parts",
    );
  });
  const file = form.get("image");
  if (!(file instanceof File)) {
    throw new ClientError(
      400,
      'Missing file field "image" in the multipart form: send the picture as image=@digit.png',
    );
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** The images of a request, whatever its content type, checked once. */
async function readImages(c: Context<AppEnv>): Promise<Images> {
  const contentType = c.req.header("content-type") ?? "";
  const kind = bodyKind(contentType);
  const signal = c.get("workSignal");
  if (kind === undefined) {
    if (!contentType && c.req.raw.body === null) {
      throw new ClientError(
        400,
        `The body is empty: send ${PREDICT_TYPES}, e.g. {"pixels": [784 numbers]} with Content-Type: application/json`,
      );
    }
    throw new ClientError(
      415,
      `Unsupported content type ${
        JSON.stringify(contentType.slice(0, 80) || "(none)")
      }: send ${PREDICT_TYPES}`,
    );
  }
  const limit = BODY_LIMITS[kind === "multipart" ? "image" : kind];
  const what = kind === "json"
    ? "JSON body"
    : kind === "bytes"
    ? "bytes body (N×784)"
    : "image body";
  // what the body costs in memory until the answer: JSON is parsed into
  // arrays and pixels (about 4× its text), bytes become float32 (5×)
  const factor = kind === "json" ? 4 : kind === "bytes" ? 5 : 2;
  const reading = performance.now();
  const bytes = await readBody(c.req.raw, {
    limit,
    what,
    signal,
    onBytes: (n) => c.get("work")?.charge(n * factor),
  });
  stepSpan("read body", reading, performance.now(), { bytes: bytes.length });
  if (kind === "json") {
    // the body was read for this request alone: its buffer is moved to the
    // worker, not copied
    return await readPredictJsonOffThread(bytes, { signal });
  }
  if (kind === "bytes") {
    const pixels = pixelsFromBytes(bytes);
    return { pixels, single: pixels.shape[0] === 1 };
  }
  const picture = kind === "multipart"
    ? await formImage(bytes, contentType)
    : bytes;
  // what the decoder will hold, from the header, is taken from the memory
  // budget first; then the picture is decoded and made into the 28×28 input
  // off the event loop, in a worker that the request's time limit terminates
  const cost = decodeCost(picture);
  c.get("work")?.charge(
    cost.bytes,
    (limit) =>
      `The picture is too large to decode here: ${cost.width}×${cost.height} needs about ${
        Math.ceil(cost.bytes / 2 ** 20)
      } MiB, over the server's ${
        Math.floor(limit / 2 ** 20)
      } MiB for work in flight; send a smaller picture (a few megapixels at most)`,
  );
  const decoding = performance.now();
  const input = await mnistInputOffThread(picture, { signal });
  const metrics = c.get("metrics");
  if (metrics) metrics.decoded[cost.format]++;
  stepSpan("decode image", decoding, performance.now(), {
    format: cost.format,
    width: cost.width,
    height: cost.height,
  });
  return { pixels: pixelsFromFloats(input), input, single: true };
}

/** The hidden layers asked for: the MLP's a1, z1, a2, z2, a3. */
function activationsOf(model: LoadedModel): readonly string[] {
  if (model.activations.length === 0) {
    throw new ClientError(
      400,
      `Activations are served for the mlp model only, not ${model.name}: drop ?activations=true or use ?model=mlp`,
    );
  }
  return model.activations;
}

/** The query (`?model=`, `?activations=`), with no parsing when there is none. */
function readQuery(c: Context): z.infer<typeof PredictQuery> {
  if (!c.req.url.includes("?")) return {};
  const query = PredictQuery.safeParse(c.req.query());
  if (!query.success) throw new ClientError(400, describeIssues(query.error));
  return query.data;
}

/**
 * The spans of a prediction's wait and compute, from the time it was asked
 * (`performance.now()`) and its runs' times: the queue until its run began,
 * then the run (its input, session and outputs).
 */
export function computeSpans(
  model: string,
  images: number,
  asked: number,
  prediction: Prediction,
): void {
  const end = performance.now();
  const { inputMs = 0, runMs = 0, outputMs = 0 } = prediction;
  const began = Math.max(asked, end - inputMs - runMs - outputMs);
  const attributes = {
    model,
    images,
    "batch.size": prediction.batchImages ?? images,
  };
  stepSpan("batch queue", asked, began, attributes);
  stepSpan("compute", began, end, { ...attributes, "run.ms": runMs });
}

/** Adds the prediction route to `app`, over the registry's models. */
export function predictRoutes(
  app: OpenAPIHono<AppEnv>,
  models: ModelRegistry,
): void {
  app.openAPIRegistry.registerPath(predictRoute);
  app.post("/api/predict", async (c) => {
    const query = readQuery(c);
    const model = await models.get(query.model);
    c.set("model", model.name);
    const outputs = query.activations === "true" ? activationsOf(model) : [];
    const { pixels, input, single } = await readImages(c);
    c.set("images", pixels.shape[0]);
    const asked = performance.now();
    const prediction = await model.predict(pixels, {
      outputs,
      signal: c.get("workSignal"),
    });
    computeSpans(model.name, pixels.shape[0], asked, prediction);
    const rows = answersOf(prediction);
    if (!single) return c.json({ model: model.name, predictions: rows }, 200);
    return c.json({
      model: model.name,
      ...rows[0],
      ...(input ? { input: toJsonNumbers(input) } : {}),
    }, 200);
  });
}
