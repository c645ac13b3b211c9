/**
 * Everything the server answers besides its front (routes/app.ts): the JSON
 * API, the KServe V2 protocol and its statistics, readers' drawings, the
 * metrics and the OpenAPI document, behind the admission middlewares. The front imports this module once it
 * listens, and joins these routes to its own.
 *
 * @module
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";
import type { AppOptions } from "./app.ts";
import { validationHook } from "./errors.ts";
import { type DrawingOptions, drawingRoutes } from "./drawings.ts";
import { kserveRoutes } from "./kserve.ts";
import { mnistRoutes } from "./mnist_images.ts";
import { modelRoutes } from "./catalogue.ts";
import { predictRoutes } from "./predict.ts";
import {
  rateLimit,
  requestTimeout,
  workBudget,
} from "./middleware/admission.ts";
import { fixedJson } from "./fixed_answer.ts";
import { labelRoutes } from "./labels.ts";
import { neuronRoutes } from "./neurons.ts";
import { metricsRoutes } from "./metrics.ts";
import type { HttpMetrics } from "../lib/observe/mod.ts";

/** The admission middlewares: time limit, rate limit, work budget. */
function admission(app: OpenAPIHono<AppEnv>, options: AppOptions): void {
  app.use("/api/*", requestTimeout());
  app.use("/v2/*", requestTimeout());
  const predictions = rateLimit({
    limit: options.rateLimitPerMinute ?? 0,
    name: "predict",
    trustedProxies: options.trustedProxies,
    message: (seconds) =>
      `Too many predictions from your address: ${options.rateLimitPerMinute} a minute are allowed, try again in ${seconds} s`,
  });
  app.use("/api/predict", predictions);
  app.use("/v2/models/:name/infer", predictions);
  app.use("/v2/models/:name/versions/:version/infer", predictions);
  const budget = workBudget({ limit: options.workBudget });
  app.use("/api/*", budget);
  app.use("/v2/*", budget);
}

/**
 * The API's routes over the given models, in order (no error handler of its
 * own: the front's answers every error).
 */
export function apiRoutes(
  options: AppOptions & { drawings?: DrawingOptions; metrics: HttpMetrics },
): OpenAPIHono<AppEnv> {
  const { models, metrics } = options;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  admission(app, options);
  predictRoutes(app, models);
  // before the V2 routes: /v2/models/stats is not a model named "stats"
  metricsRoutes(app, models, { metrics, token: options.metricsToken });
  app.route("/", mnistRoutes(models));
  app.route("/", modelRoutes(models));
  app.route(
    "/",
    kserveRoutes(models, {
      registry: app.openAPIRegistry,
      warmedUp: options.warmedUp,
    }),
  );
  if (options.drawings) app.route("/", drawingRoutes(models, options.drawings));
  app.route("/", labelRoutes());
  app.route("/", neuronRoutes());
  // generated from the routes' schemas once, at the first request
  app.get(
    "/api/openapi.json",
    fixedJson("openapi.json", () =>
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "MNIST digits, the book's way",
          version: "1.0.0",
          description:
            "Predictions of the chapter-3 network of Deep Learning from Scratch (Koki Saitoh), run with onnxruntime-web.",
        },
      })),
  );
  return app;
}
