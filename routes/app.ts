/**
 * The whole application: the page, its files and /api/health — the front,
 * answered from the server's first moment by a small module graph — and the
 * JSON API, the KServe V2 protocol and the OpenAPI document (routes/api.ts),
 * imported in the background and joined to the front's routes when loaded;
 * a request that comes before waits for them. One error shape, the security
 * headers and the request log on every path.
 *
 * @module
 */

import { Hono, type MiddlewareHandler } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { ModelRegistry } from "../lib/runtime/mod.ts";
import { readReport } from "../lib/runtime/model_files.ts";
import { DEFAULT_MODEL } from "../lib/models.ts";
import type { AppEnv } from "./env.ts";
import { notFoundFor, onError } from "./errors.ts";
import type { DrawingOptions } from "./drawings.ts";
import { fontRoutes } from "./fonts.ts";
import { healthRoutes } from "./health.ts";
import { pageRoutes } from "./page.ts";
import { requestLogger } from "./middleware/logger.ts";
import { loadTelemetry, securityHeaders } from "./middleware/edge.ts";
import type { AddressMatcher } from "../lib/http/admission.ts";
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
  /**
   * Readers' drawings (/api/drawings): served only when a store is given;
   * the API's routes wait for a promise of one (the server opens its KV
   * store meanwhile).
   */
  drawings?: DrawingOptions | Promise<DrawingOptions | undefined>;
  /**
   * Whether the server has warmed up (routes/warm_up.ts): `/v2/health/ready`
   * says ready only then, and once every model is loaded. Always, by default.
   */
  warmedUp?: () => boolean;
  /** Called as each request of the front (the page, its files, health) comes in. */
  asked?: () => void;
  /** Called after each answer of the front, and of the API's first requests. */
  answered?: () => void;
  /**
   * Called when a request comes for the API before its routes have joined
   * (a prediction before any page, say): whatever `apiAfter` and `drawings`
   * wait for should end now.
   */
  waiting?: () => void;
  /**
   * Waited for before the API's routes are imported (at once by default):
   * their modules take the event loop for a while, and the first visitor's
   * page should not wait behind them. API requests wait meanwhile.
   */
  apiAfter?: Promise<unknown>;
}

/** The paths the front answers itself (any method), from its first moment. */
export const FRONT_PATHS = ["/", "/static/*", "/sw.js", "/api/health"];

/**
 * What every answer passes through: security headers (and on the way out,
 * the answer counted), then the request log.
 */
function edgeOf(
  options: AppOptions,
  metrics: HttpMetrics,
): MiddlewareHandler<AppEnv>[] {
  const { models } = options;
  const edge = [
    securityHeaders(
      options.observe === false ? undefined : { models, metrics },
    ),
  ];
  if (options.log) {
    edge.push(requestLogger({
      format: options.logFormat,
      trustedProxies: options.trustedProxies,
      ...(options.console ? { write: console.log } : {}),
    }));
  }
  return edge;
}

/**
 * Imports the API's routes and joins them to the app, behind the edge's
 * middlewares (for every path but the front's, which never reach them).
 */
function joinApi(
  app: Hono<AppEnv>,
  edge: MiddlewareHandler<AppEnv>[],
  options: AppOptions & { metrics: HttpMetrics },
): { joined: boolean; ready: Promise<void> } {
  const api = { joined: false, ready: Promise.resolve() };
  api.ready = (async () => {
    await options.apiAfter;
    const [{ apiRoutes }, drawings] = await Promise.all([
      import("./api.ts"),
      options.drawings,
      loadTelemetry(),
    ]);
    const routes = apiRoutes({ ...options, drawings });
    app.use("*", ...edge);
    app.route("/", routes);
    api.joined = true;
  })();
  api.ready.catch((error) => console.error("The API's routes:", error));
  return api;
}

/**
 * Builds the application over the given models. The front's routes answer
 * at once; the API's join them a moment later (awaited by `ready` of the
 * app's {@linkcode apiJoined}).
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  // a router that takes routes after its first request: the API's join later
  const app = new Hono<AppEnv>({ router: new TrieRouter() });
  const metrics = options.metrics ?? createHttpMetrics();
  const edge = edgeOf(options, metrics);
  for (const path of FRONT_PATHS) {
    app.use(path, ...edge, async (_c, next) => {
      options.asked?.();
      try {
        await next();
      } finally {
        options.answered?.();
      }
    });
  }
  app.route(
    "/",
    pageRoutes({ report: () => readReport(DEFAULT_MODEL), built: true }),
  );
  app.route("/", fontRoutes());
  app.route("/", healthRoutes(options.models));
  const notFound = notFoundFor(app);
  // a front path asked with another method is answered here, with the front's edge
  for (const path of FRONT_PATHS) app.all(path, notFound);
  const api = joinApi(app, edge, { ...options, metrics });
  joined.set(app, api.ready);
  app.notFound(async (c) => {
    if (api.joined) return notFound(c);
    // before the API's routes joined: the request again, through them all
    options.waiting?.();
    await api.ready;
    const response = await app.fetch(c.req.raw, c.env);
    options.answered?.();
    return response;
  });
  app.onError(onError);
  return app;
}

const joined = new WeakMap<Hono<AppEnv>, Promise<void>>();

/** Resolves when the API's routes have joined an app made by {@linkcode createApp}. */
export function apiJoined(app: Hono<AppEnv>): Promise<void> {
  return joined.get(app) ?? Promise.resolve();
}
