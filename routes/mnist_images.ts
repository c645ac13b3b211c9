/**
 * GET /api/mnist/{index}: a test image, its label and the network's answer —
 * the book's predict(x[11]) over HTTP.
 *
 * @module
 */

import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { ModelRegistry } from "../lib/runtime/mod.ts";
import { row } from "../lib/tensor.ts";
import { answerOf, toJsonNumbers } from "../lib/infer/mod.ts";
import { testImages } from "../lib/mnist/mod.ts";
import { pixelsFromBytes } from "../lib/input/mod.ts";
import { ClientError } from "../lib/errors.ts";
import { validationHook } from "./errors.ts";
import {
  ErrorResponse,
  json,
  MnistImage,
  MnistParams,
  ModelQuery,
} from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/api/mnist/{index}",
  summary: "A test image (0–9999) with its label and prediction",
  request: { params: MnistParams, query: ModelQuery },
  responses: {
    200: json(MnistImage, "The image"),
    400: json(ErrorResponse, "Not a whole number"),
    404: json(ErrorResponse, "Out of range, or unknown model"),
  },
});

/** The test-set route. */
export function mnistRoutes(models: ModelRegistry): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(route, async (c) => {
    const index = Number(c.req.valid("param").index);
    const model = await models.get(c.req.valid("query").model);
    const { images, labels } = await testImages();
    if (index >= labels.length) {
      throw new ClientError(
        404,
        `No test image ${index}: indexes run from 0 to ${labels.length - 1}`,
      );
    }
    const pixels = pixelsFromBytes(row(images, index));
    const { digit, probabilities } = answerOf(await model.predict(pixels), 0);
    return c.json({
      index,
      label: labels[index],
      pixels: toJsonNumbers(pixels.data),
      digit,
      probabilities,
    }, 200);
  });
  return app;
}
