// The whole application: the JSON API, the KServe V2 protocol, the OpenAPI
// document and the page, with one error shape and CORS for other origins.

import { OpenAPIHono } from "@hono/zod-openapi";
import type { ModelRegistry } from "../lib/serve/registry.ts";
import { notFoundFor, onError, validationHook } from "./errors.ts";
import { kserveRoutes } from "./kserve.ts";
import { mnistRoutes } from "./mnist_images.ts";
import { modelRoutes } from "./catalogue.ts";
import { predictRoutes } from "./predict.ts";
import { pageRoutes } from "./page.tsx";
import { DEFAULT_MODEL } from "../lib/models.ts";
import { readReport } from "../lib/serve/model_files.ts";
import { bulkBodies } from "./limits.ts";
import { compress } from "./compress.ts";
import { requestLogger } from "./logger.ts";
import { requestTimeout, securityHeaders } from "./security.ts";

/** Options of {@linkcode createApp}. */
export interface AppOptions {
  models: ModelRegistry;
  /** Log one line per request to stdout (off by default, as tests want). */
  log?: boolean;
}

/** Builds the application over the given models. */
export function createApp(options: AppOptions): OpenAPIHono {
  const { models } = options;
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(securityHeaders());
  app.use(compress());
  if (options.log) app.use(requestLogger());
  app.use("/api/*", requestTimeout());
  app.use("/v2/*", requestTimeout());
  app.use("/api/predict", bulkBodies());
  app.use("/v2/models/*", bulkBodies());
  predictRoutes(app, models);
  app.route("/", mnistRoutes(models));
  app.route("/", modelRoutes(models));
  app.route("/", kserveRoutes(models));
  app.route("/", pageRoutes({ report: () => readReport(DEFAULT_MODEL) }));
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "MNIST digits, the book's way",
      version: "1.0.0",
      description:
        "Predictions of the chapter-3 network of Deep Learning from Scratch (Koki Saitoh), run with onnxruntime-web.",
    },
  });
  app.notFound(notFoundFor(app));
  app.onError(onError);
  return app;
}
