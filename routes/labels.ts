/**
 * GET /api/labels: the labels of the 10,000 test images as one string of
 * digits, so the page can list the images of any confusion-matrix cell.
 *
 * @module
 */

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { testImages } from "../lib/mnist/mod.ts";
import { validationHook } from "./errors.ts";
import { json } from "./schemas.ts";

const Labels = z.object({
  dataset: z.string(),
  labels: z.string().openapi({
    description: "One digit per test image, in order: labels[i] is image i's",
    example: "7210414959…",
  }),
}).openapi("Labels");

const route = createRoute({
  method: "get",
  path: "/api/labels",
  summary: "The test set's labels, one digit per image",
  responses: { 200: json(Labels, "The labels") },
});

/** The labels route. */
export function labelRoutes(): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(route, async (c) => {
    const { labels } = await testImages();
    c.header("cache-control", "public, max-age=86400");
    return c.json({
      dataset: "MNIST test set (t10k)",
      labels: Array.from(labels, String).join(""),
    }, 200);
  });
  return app;
}
