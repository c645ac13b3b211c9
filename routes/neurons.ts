/**
 * GET /api/models/mlp/neurons/{index}: one hidden neuron of the MLP's first
 * layer, its 784 weights (a column of W1) and its bias, for the page's view
 * of what a neuron looks for.
 *
 * @module
 */

import { toJsonNumbers } from "../lib/infer/mod.ts";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ClientError } from "../lib/errors.ts";
import {
  MLP_WEIGHTS_FILE,
  neuronOf,
  readMlpWeights,
} from "../lib/assets/mod.ts";
import { type Tensor } from "../lib/tensor.ts";
import { validationHook } from "./errors.ts";
import { ErrorResponse, json } from "./schemas.ts";

const NeuronParams = z.object({
  index: z.string().regex(/^\d{1,3}$/, {
    error: "index is a whole number from 0 to 49",
  }).openapi({ param: { name: "index", in: "path" }, example: "12" }),
});

const Neuron = z.object({
  model: z.literal("mlp"),
  layer: z.literal(1),
  index: z.number().int(),
  weights: z.array(z.number()).openapi({
    description:
      "W1[:, index]: 784 weights, one per input pixel, row-major 28×28",
  }),
  bias: z.number().openapi({ description: "b1[index]" }),
}).openapi("Neuron");

const route = createRoute({
  method: "get",
  path: "/api/models/mlp/neurons/{index}",
  summary:
    "A hidden neuron of the MLP's first layer: its column of W1 and its bias",
  request: { params: NeuronParams },
  responses: {
    200: json(Neuron, "The neuron"),
    400: json(ErrorResponse, "Not a whole number"),
    404: json(ErrorResponse, "No such neuron"),
  },
});

let layer: Promise<{ W1: Tensor; b1: Tensor }> | undefined;

/** W1 and b1 of the served MLP, read once (written by the build). */
function firstLayer() {
  layer ??= Deno.readFile(MLP_WEIGHTS_FILE).then(readMlpWeights);
  return layer;
}

/** The neuron route. */
export function neuronRoutes(): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(route, async (c) => {
    const index = Number(c.req.valid("param").index);
    const { W1, b1 } = await firstLayer();
    const count = W1.shape[1];
    if (index >= count) {
      throw new ClientError(
        404,
        `No neuron ${index}: the MLP's first layer has neurons 0 to ${
          count - 1
        }`,
      );
    }
    const neuron = neuronOf(W1, b1, index);
    c.header("cache-control", "public, max-age=86400");
    return c.json({
      model: "mlp" as const,
      layer: 1 as const,
      index,
      weights: toJsonNumbers(neuron.weights),
      bias: toJsonNumbers(Float32Array.of(neuron.bias))[0],
    }, 200);
  });
  return app;
}
