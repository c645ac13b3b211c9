/**
 * GET /api/models, /api/models/{name}, /api/report: what is served, how
 * each network is built, and how well it does on the test set; and the
 * schema of /api/health, which the front answers (routes/health.ts).
 *
 * @module
 */

import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { LoadedModel, ModelRegistry } from "../lib/runtime/mod.ts";
import type { Context } from "hono";
import { validationHook } from "./errors.ts";
import { fixedJson } from "./fixed_answer.ts";
import {
  ErrorResponse,
  Health,
  json,
  ModelDescription,
  ModelParams,
  ModelQuery,
} from "./schemas.ts";

/** The JSON description of a loaded model. */
export function describe(model: LoadedModel) {
  return {
    name: model.name,
    title: model.title,
    ready: true,
    accuracy: model.report.accuracy,
    ...model.info,
  };
}

const modelsRoute = createRoute({
  method: "get",
  path: "/api/models",
  summary: "The served models",
  responses: {
    200: json(
      z.object({ models: z.array(ModelDescription) }),
      "Every served model",
    ),
  },
});

const modelRoute = createRoute({
  method: "get",
  path: "/api/models/{name}",
  summary: "One model: layers and shapes, inputs, outputs, test accuracy",
  request: { params: ModelParams },
  responses: {
    200: json(ModelDescription, "The model"),
    404: json(ErrorResponse, "Unknown model"),
  },
});

const reportRoute = createRoute({
  method: "get",
  path: "/api/report",
  summary: "The precomputed test-set report (model/report.json)",
  request: { query: ModelQuery },
  responses: {
    200: json(
      z.object({}).passthrough().openapi("Report"),
      "Accuracy, confusion matrix, per-digit scores, mistakes",
    ),
    404: json(ErrorResponse, "Unknown model"),
  },
});

const healthRoute = createRoute({
  method: "get",
  path: "/api/health",
  summary: "Alive, and whether each model is loaded",
  responses: { 200: json(Health, "The server is up") },
});

/** The routes that describe the served models. */
export function modelRoutes(models: ModelRegistry): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  /** Each model's report, serialised and compressed once. */
  const reports = new Map<string, (c: Context) => Promise<Response>>();

  app.openapi(modelsRoute, async (c) => {
    const loaded = await Promise.all(
      models.names.map((name) => models.get(name)),
    );
    return c.json({ models: loaded.map(describe) }, 200);
  });
  app.openapi(
    modelRoute,
    async (c) =>
      c.json(describe(await models.get(c.req.valid("param").name)), 200),
  );
  app.openapi(reportRoute, async (c) => {
    const model = await models.get(c.req.valid("query").model);
    let answer = reports.get(model.name);
    if (!answer) {
      answer = fixedJson(`report.${model.name}.json`, () => model.report);
      reports.set(model.name, answer);
    }
    // the report as it was serialised once (its schema is passthrough)
    return await answer(c) as never;
  });
  // answered by the server's front (routes/health.ts), documented here
  app.openAPIRegistry.registerPath(healthRoute);
  return app;
}
