// POST /api/predict: JSON pixels or a batch, an uploaded PNG/JPEG (raw body or
// multipart field "image"), or raw N×784 bytes → digits and probabilities.

import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { decodeImage } from "../lib/image_decode.ts";
import {
  pixelsFromBytes,
  pixelsFromRows,
  toJsonNumbers,
} from "../lib/pixels.ts";
import { toMnistInput } from "../lib/preprocess.ts";
import type { ModelRegistry } from "../lib/registry.ts";
import type { Tensor } from "../lib/tensor.ts";
import { fail, fromClient, validationHook } from "./errors.ts";
import { chooseModel } from "./catalogue.ts";
import {
  ErrorResponse,
  MAX_BATCH,
  ModelQuery,
  PredictRequest,
  PredictResponse,
} from "./schemas.ts";

/** Body size limits of POST /api/predict, by kind of body. */
export const BODY_LIMITS = {
  /** JSON: a batch of 1000 images written out in full fits. */
  json: 12 * 1024 * 1024,
  /** An uploaded PNG or JPEG (raw or multipart). */
  image: 10 * 1024 * 1024,
  /** Raw bytes: at most MAX_BATCH images of 784 bytes. */
  bytes: MAX_BATCH * 784,
};

const binary = { type: "string", format: "binary" } as const;
const errors = {
  400: {
    description: "A malformed request",
    content: { "application/json": { schema: ErrorResponse } },
  },
  404: {
    description: "Unknown model",
    content: { "application/json": { schema: ErrorResponse } },
  },
  413: {
    description: "A body over its size limit",
    content: { "application/json": { schema: ErrorResponse } },
  },
  415: {
    description: "An unsupported content type",
    content: { "application/json": { schema: ErrorResponse } },
  },
  422: {
    description: "Values out of range, or an image with no ink",
    content: { "application/json": { schema: ErrorResponse } },
  },
};

const route = createRoute({
  method: "post",
  path: "/api/predict",
  summary: "Predict the digit of one image or of a batch",
  request: {
    query: ModelQuery,
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
    200: {
      description: "The predictions",
      content: { "application/json": { schema: PredictResponse } },
    },
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
    const model = await chooseModel(models, c.req.valid("query").model);
    const contentType = c.req.header("content-type") ?? "";
    const kind = kindOf(contentType);
    let pixels: Tensor;
    let input: Float32Array | undefined;
    let single = true;
    if (kind === "json") {
      // the typed validator cannot see through the mixed content types
      const body = c.req.valid("json" as never) as z.infer<
        typeof PredictRequest
      >;
      single = body.pixels !== undefined;
      pixels = await fromClient(() =>
        pixelsFromRows(single ? [body.pixels!] : body.batch!, body.scale ?? 1)
      );
    } else if (kind === "bytes") {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      pixels = await fromClient(() => pixelsFromBytes(bytes));
      single = pixels.shape[0] === 1;
    } else {
      const bytes = await uploadedImage(c, contentType);
      const image = await fromClient(() => decodeImage(bytes), 413);
      input = await fromClient(() => toMnistInput(image));
      pixels = { data: input, shape: [1, 784] };
    }
    const { probabilities, digits } = await model.predict(pixels);
    const rows = Array.from(digits, (digit, i) => ({
      digit,
      probabilities: toJsonNumbers(
        probabilities.data.subarray(i * 10, i * 10 + 10),
      ),
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
