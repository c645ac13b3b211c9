/**
 * The whole application: the JSON API, the KServe V2 protocol, the OpenAPI
 * document and the page, with one error shape and CORS for other origins.
 *
 * @module
 */

import { OpenAPIHono } from "@hono/zod-openapi";
import { type ModelRegistry, readReport } from "../lib/runtime/mod.ts";
import type { AppEnv } from "./env.ts";
import { notFoundFor, onError, validationHook } from "./errors.ts";
import { type DrawingOptions, drawingRoutes } from "./drawings.ts";
import { kserveRoutes } from "./kserve.ts";
import { mnistRoutes } from "./mnist_images.ts";
import { modelRoutes } from "./catalogue.ts";
import { predictRoutes } from "./predict.ts";
import { pageRoutes } from "./page.tsx";
import { DEFAULT_MODEL } from "../lib/models.ts";
import type { AddressMatcher } from "../lib/http/mod.ts";
import {
  rateLimit,
  requestTimeout,
  workBudget,
} from "./middleware/admission.ts";
import { fixedJson } from "./fixed_answer.ts";
import { fontRoutes } from "./fonts.ts";
import { labelRoutes } from "./labels.ts";
import { neuronRoutes } from "./neurons.ts";
import { requestLogger } from "./middleware/logger.ts";
import { securityHeaders } from "./middleware/edge.ts";
import { metricsRoutes } from "./metrics.ts";
import { createHttpMetrics, type HttpMetrics } from "../lib/observe/mod.ts";

/** Options of {@linkcode createApp}. */
export interface AppOptions {
  models: ModelRegistry;
  /** Log one line per request to stdout (off by default, as tests want). */
  log?: boolean;
  /** Write the request log with `console.log` (Deno Deploy reads its logs there) rather than to stdout in batches. */
  console?: boolean;
  /** The request log's lines: `text` (the default) or one JSON object each. */
  logFormat?: "text" | "json";
  /** The counters `/metrics` reads (new ones by default). */
  metrics?: HttpMetrics;
  /** `METRICS_TOKEN`: when set, `/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Count requests in the metrics and statistics (on by default; off only to weigh what counting costs, scripts/bench/request_bench.ts). */
  observe?: boolean;
  /** Bytes of work in flight before new work is refused with 503 (80 MiB by default). */
  workBudget?: number;
  /**
   * Prediction requests (/api/predict, V2 infer) per client and minute:
   * `RATE_LIMIT_PER_MINUTE` in production (600); off (0) by default here.
   */
  rateLimitPerMinute?: number;
  /**
   * The proxies whose `X-Forwarded-For` says the client's address
   * (`TRUSTED_PROXIES`); none by default: the connection's address counts.
   */
  trustedProxies?: AddressMatcher;
  /** Readers' drawings (/api/drawings): served only when a store is given. */
  drawings?: DrawingOptions;
  /**
   * Whether the server has warmed up (routes/warm_up.ts): `/v2/health/ready`
   * says ready only then, and once every model is loaded. Always, by default.
   */
  warmedUp?: () => boolean;
}

/** Builds the application over the given models. */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { models } = options;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const metrics = options.metrics ?? createHttpMetrics();
  // the headers, and on the way out the answer counted (one middleware)
  app.use(
    securityHeaders(
      options.observe === false ? undefined : { models, metrics },
    ),
  );
  if (options.log) {
    app.use(requestLogger({
      format: options.logFormat,
      trustedProxies: options.trustedProxies,
      ...(options.console ? { write: console.log } : {}),
    }));
  }
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
  app.route("/", pageRoutes({ report: () => readReport(DEFAULT_MODEL) }));
  app.route("/", fontRoutes());
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
  app.notFound(notFoundFor(app));
  app.onError(onError);
  return app;
}
