// POST /api/predict: JSON pixels or a batch, an uploaded PNG/JPEG (raw body or
// multipart field "image"), or raw N×784 bytes → digits and probabilities.

import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { mnistInputOffThread } from "../lib/input/decode_off_thread.ts";
import {
  pixelsFromBytes,
  pixelsFromRows,
  toJsonNumbers,
} from "../lib/input/pixels.ts";
import type { LoadedModel, ModelRegistry } from "../lib/serve/registry.ts";
import { MLP_ACTIVATIONS } from "../lib/convert/mlp.ts";
import type { Tensor } from "../lib/tensor.ts";
import { fail, fromClient, validationHook } from "./errors.ts";
import { chooseModel } from "./catalogue.ts";
import {
  ErrorResponse,
  json,
  MAX_BATCH,
  PredictQuery,
  PredictRequest,
  PredictResponse,
} from "./schemas.ts";

/** Body size limits of POST /api/predict, by kind of body. */
export const BODY_LIMITS = {
  /** JSON: a batch of 1000 images fits even at full double precision (15.1 MB). */
  json: 16 * 1024 * 1024,
  /** An uploaded PNG or JPEG (raw or multipart). */
  image: 10 * 1024 * 1024,
  /** Raw bytes: at most MAX_BATCH images of 784 bytes. */
  bytes: MAX_BATCH * 784,
};

const binary = { type: "string", format: "binary" } as const;
const errors = {
  400: json(ErrorResponse, "A malformed request"),
  404: json(ErrorResponse, "Unknown model"),
  413: json(ErrorResponse, "A body over its size limit"),
  415: json(ErrorResponse, "An unsupported content type"),
  422: json(ErrorResponse, "Values out of range, or an image with no ink"),
};

const route = createRoute({
  method: "post",
  path: "/api/predict",
  summary: "Predict the digit of one image or of a batch",
  request: {
    query: PredictQuery,
    body: {
      required: false, // else the JSON validator would also run on images and bytes
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
    ...errors,
  },
});

function kindOf(contentType: string): keyof typeof BODY_LIMITS {
  if (/^image\/|^multipart\/form-data/i.test(contentType)) return "image";
  if (/^application\/octet-stream/i.test(contentType)) return "bytes";
  return "json";
}

/** Reads the uploaded image of a raw or multipart body. */
async function uploadedImage(
  c: Context,
  contentType: string,
): Promise<Uint8Array> {
  if (!/^multipart\/form-data/i.test(contentType)) {
    return new Uint8Array(await c.req.arrayBuffer());
  }
  const form = await c.req.formData().catch(() =>
    fail(400, "Cannot read the multipart form: check its boundary and parts")
  );
  const file = form.get("image");
  if (!(file instanceof File)) {
    fail(
      400,
      'Missing file field "image" in the multipart form: send the picture as image=@digit.png',
    );
  }
  return new Uint8Array(await file.arrayBuffer());
}

/** The images of a request, whatever its content type, as N×784 pixels. */
async function readImages(
  c: Context,
): Promise<{ pixels: Tensor; input?: Float32Array; single: boolean }> {
  const contentType = c.req.header("content-type") ?? "";
  const kind = kindOf(contentType);
  if (kind === "json") {
    // the typed validator cannot see through the mixed content types
    const body = c.req.valid("json" as never) as z.infer<typeof PredictRequest>;
    const single = body.pixels !== undefined;
    const images = single ? [body.pixels!] : body.batch!;
    const pixels = await fromClient(() =>
      pixelsFromRows(images, body.scale ?? 1)
    );
    return { pixels, single };
  }
  if (kind === "bytes") {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const pixels = await fromClient(() => pixelsFromBytes(bytes));
    return { pixels, single: pixels.shape[0] === 1 };
  }
  const bytes = await uploadedImage(c, contentType);
  const input = await fromClient(
    () => mnistInputOffThread(bytes, { signal: c.req.raw.signal }),
    413,
  );
  return { pixels: { data: input, shape: [1, 784] }, input, single: true };
}

/** The hidden layers a model can return: the MLP's a1, z1, a2, z2, a3. */
function activationsOf(model: LoadedModel): string[] {
  const layers = MLP_ACTIVATIONS.filter((name) =>
    model.session.outputNames.includes(name)
  );
  if (layers.length === 0) {
    fail(
      400,
      `Activations are served for the mlp model only, not ${model.name}: drop ?activations=true or use ?model=mlp`,
    );
  }
  return layers;
}

/** Row `i` of each activation, as JSON numbers. */
function rowOf(
  outputs: Record<string, Tensor>,
  i: number,
): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(outputs).map(([name, { data, shape }]) => [
      name,
      toJsonNumbers(data.subarray(i * shape[1], (i + 1) * shape[1])),
    ]),
  );
}

/** The prediction routes, over the registry's models. */
export function predictRoutes(models: ModelRegistry): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });

  app.use("/api/predict", (c, next) => {
    const kind = kindOf(c.req.header("content-type") ?? "");
    const maxSize = BODY_LIMITS[kind];
    return bodyLimit({
      maxSize,
      onError: () =>
        fail(
          413,
          `The ${kind} body is over its limit of ${maxSize} bytes: send a smaller ${
            kind === "image" ? "picture" : "batch"
          }`,
        ),
    })(c, next);
  });

  app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const model = await chooseModel(models, query.model);
    const { pixels, input, single } = await readImages(c);
    const layers = query.activations === "true" ? activationsOf(model) : [];
    const { probabilities, digits, outputs } = layers.length
      ? await model.session.predict(pixels, layers)
      : await model.predict(pixels);
    const rows = Array.from(digits, (digit, i) => ({
      digit,
      probabilities: toJsonNumbers(
        probabilities.data.subarray(i * 10, i * 10 + 10),
      ),
      ...(layers.length ? { activations: rowOf(outputs, i) } : {}),
    }));
    if (!single) return c.json({ model: model.name, predictions: rows }, 200);
    return c.json({
      model: model.name,
      ...rows[0],
      ...(input ? { input: toJsonNumbers(input) } : {}),
    }, 200);
  });

  return app;
}
