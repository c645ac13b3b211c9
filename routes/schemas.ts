/**
 * The request and response schemas of the JSON API: zod schemas that both
 * validate requests and generate /api/openapi.json.
 *
 * @module
 */

import { z } from "@hono/zod-openapi";
import { MAX_BATCH } from "../lib/limits.ts";
import { CLASSES, IMAGE_SIDE, IMAGE_SIZE } from "../lib/tensor.ts";

/** An OpenAPI response of JSON with the given schema. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

const IMAGE_MESSAGE =
  "an image is 784 numbers (28×28, row-major) or 28 rows of 28 numbers";

/**
 * An array of exactly `n` items, written as a minimum and a maximum: the
 * OpenAPI generator drops zod's `.length(n)`, which left `{"pixels": []}`
 * valid by the document and refused by the server.
 */
function exactly<T extends z.ZodType>(item: T, n: number) {
  return z.array(item).min(n, { error: IMAGE_MESSAGE }).max(n, {
    error: IMAGE_MESSAGE,
  });
}

/** One image: 784 numbers, or 28 rows of 28 numbers. */
export const Image = z.union([
  exactly(z.number(), IMAGE_SIZE),
  exactly(exactly(z.number(), IMAGE_SIDE), IMAGE_SIDE),
], { error: IMAGE_MESSAGE }).openapi("Image", {
  description:
    'A 28×28 image, white digit on black, values in [0, 1] as load_mnist(normalize=True) gives them (or 0–255 with "scale": 255): 784 numbers row-major, or 28 rows of 28 numbers.',
});

const Scale = z.union([z.literal(1), z.literal(255)], {
  error: "scale is 1 (values in [0, 1], the default) or 255 (values 0–255)",
}).optional().openapi({
  description: "1 (default): values in [0, 1]; 255: raw 0–255 values",
});

/**
 * The JSON body of POST /api/predict: one image or a batch, never both. It
 * documents what lib/input/predict_body.ts accepts (a test holds them together).
 */
export const PredictRequest = z.union([
  z.object({ pixels: Image, scale: Scale }).strict(),
  z.object({
    batch: z.array(Image).min(1, {
      error: "batch is empty: send 1 to 1000 images",
    }).max(MAX_BATCH, {
      error: `batch is over the limit of ${MAX_BATCH} images: split it`,
    }).openapi({ description: `1 to ${MAX_BATCH} images` }),
    scale: Scale,
  }).strict(),
]).openapi("PredictRequest");

/** ?model= on the prediction routes. */
export const ModelQuery = z.object({
  model: z.string().optional().openapi({
    description: "the model to use (default mlp)",
    example: "mlp",
  }),
});

/** The query of POST /api/predict. */
export const PredictQuery = ModelQuery.extend({
  activations: z.enum(["true", "false"], {
    error: "activations is true or false",
  }).optional().openapi({
    description:
      "true: also return the MLP's hidden layers a1, z1 (50), a2, z2 (100) and a3 (10)",
  }),
});

/** One image's prediction. */
export const Prediction = z.object({
  digit: z.number().int().min(0).max(9),
  probabilities: z.array(z.number()).length(CLASSES),
  activations: z.record(z.string(), z.array(z.number())).optional(),
}).openapi("Prediction");

/** The answer of POST /api/predict. */
export const PredictResponse = z.object({
  model: z.string(),
  digit: z.number().int().optional(),
  probabilities: z.array(z.number()).optional(),
  predictions: z.array(Prediction).optional(),
  activations: z.record(z.string(), z.array(z.number())).optional().openapi({
    description: "with ?activations=true: a1, z1, a2, z2, a3 of the MLP",
  }),
  input: z.array(z.number()).length(IMAGE_SIZE).optional().openapi({
    description: "for an uploaded image: the 28×28 pixels the network saw",
  }),
}).openapi("PredictResponse");

/** The one error shape of every 4xx and 5xx. */
export const ErrorResponse = z.object({
  error: z.string().openapi({ example: "pixels: " + IMAGE_MESSAGE }),
}).openapi("Error");

/** GET /api/mnist/{index}. */
export const MnistParams = z.object({
  index: z.string().regex(/^\d{1,5}$/, {
    error: "index is a whole number from 0 to 9999",
  }).openapi({ param: { name: "index", in: "path" }, example: "11" }),
});

/** A test image with its label and the network's answer. */
export const MnistImage = z.object({
  index: z.number().int(),
  label: z.number().int(),
  pixels: z.array(z.number()).length(IMAGE_SIZE),
  digit: z.number().int(),
  probabilities: z.array(z.number()).length(CLASSES),
}).openapi("MnistImage");

/** GET /api/models/{name}. */
export const ModelParams = z.object({
  name: z.string().openapi({
    param: { name: "name", in: "path" },
    example: "mlp",
  }),
});

const Tensor = z.object({ name: z.string(), shape: z.array(z.number()) });

/** What the API tells about a served model. */
export const ModelDescription = z.object({
  name: z.string(),
  title: z.string(),
  ready: z.boolean(),
  accuracy: z.number().optional(),
  inputs: z.array(Tensor).optional(),
  outputs: z.array(Tensor).optional(),
  operators: z.array(z.string()).optional(),
  weights: z.array(Tensor).optional(),
  parameters: z.number().optional(),
}).openapi("Model");

/** GET /api/health. */
export const Health = z.object({
  status: z.literal("ok"),
  models: z.record(z.string(), z.boolean()),
}).openapi("Health");
