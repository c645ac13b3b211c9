/**
 * What operators read: `GET /metrics` (Prometheus's text format, Triton's
 * names; behind `Authorization: Bearer $METRICS_TOKEN` when the token is set)
 * and the V2 protocol's statistics extension, `GET /v2/models/stats`,
 * `/v2/models/{name}/stats` and `/v2/models/{name}/versions/{version}/stats`,
 * as Triton answers them (what tritonclient's `get_inference_statistics()`
 * reads).
 *
 * @module
 */

import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { timingSafeEqual } from "node:crypto";
import { ClientError } from "../lib/errors.ts";
import { type HttpMetrics, renderMetrics } from "../lib/observe/mod.ts";
import {
  MODEL_VERSION,
  type ModelRegistry,
  type ModelStats,
  tritonModelStat,
} from "../lib/runtime/mod.ts";
import type { AppEnv } from "./env.ts";
import { ErrorResponse, json } from "./schemas.ts";

/** Options of {@linkcode metricsRoutes}. */
export interface MetricsOptions {
  /** The app's counters, as the edge fills them. */
  metrics: HttpMetrics;
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`; open when unset. */
  token?: string;
}

const Duration = z.object({ count: z.number().int(), ns: z.number().int() });

/** Triton's `$stats_model_response`. */
export const StatsResponse = z.object({
  model_stats: z.array(z.object({
    name: z.string(),
    version: z.string(),
    last_inference: z.number().int(),
    inference_count: z.number().int(),
    execution_count: z.number().int(),
    inference_stats: z.object({
      success: Duration,
      fail: Duration,
      queue: Duration,
      compute_input: Duration,
      compute_infer: Duration,
      compute_output: Duration,
      cache_hit: Duration,
    }),
    batch_stats: z.array(z.object({
      batch_size: z.number().int(),
      compute_input: Duration,
      compute_infer: Duration,
      compute_output: Duration,
    })),
  })),
}).openapi("StatsResponse");

const Name = z.object({ name: z.string() });
const NameVersion = z.object({ name: z.string(), version: z.string() });

const statsRoute = (path: string, params?: typeof Name | typeof NameVersion) =>
  createRoute({
    method: "get",
    path,
    summary: "V2 statistics extension: each model's counts and times",
    request: params ? { params } : {},
    responses: {
      200: json(StatsResponse, "The statistics"),
      400: json(ErrorResponse, "Unknown model or version"),
    },
  });

/** The routes as /api/openapi.json documents them. */
export const METRICS_ROUTES = [
  createRoute({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics (text format 0.0.4), Triton's names",
    responses: {
      200: {
        description: "The metrics",
        content: { "text/plain": { schema: { type: "string" } } },
      },
      401: json(ErrorResponse, "METRICS_TOKEN is set and not given"),
    },
  }),
  statsRoute("/v2/models/stats"),
  statsRoute("/v2/models/{name}/stats", Name),
  statsRoute("/v2/models/{name}/versions/{version}/stats", NameVersion),
];

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerIs(header: string | undefined, token: string): boolean {
  const given = new TextEncoder().encode(header ?? "");
  const wanted = new TextEncoder().encode(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The statistics of the models asked for, as Triton words its refusals (400). */
function statsOf(
  models: ModelRegistry,
  name?: string,
  version?: string,
): ModelStats[] {
  if (name === undefined) {
    return models.names.map((served) => models.stats(served)!);
  }
  const stats = models.stats(name);
  if (!stats) {
    throw new ClientError(
      400,
      `requested model '${
        name.slice(0, 60)
      }' is not available: served models are ${models.names.join(", ")}`,
    );
  }
  if (version !== undefined && version !== MODEL_VERSION) {
    throw new ClientError(
      400,
      `requested model version '${
        version.slice(0, 20)
      }' is not available for model '${name}': it has version ${MODEL_VERSION}`,
    );
  }
  return [stats];
}

/** Adds `/metrics` and the V2 statistics routes to `app`. */
export function metricsRoutes(
  app: OpenAPIHono<AppEnv>,
  models: ModelRegistry,
  options: MetricsOptions,
): void {
  for (const route of METRICS_ROUTES) app.openAPIRegistry.registerPath(route);
  app.get("/metrics", (c) => {
    if (
      options.token && !bearerIs(c.req.header("authorization"), options.token)
    ) {
      return c.json(
        { error: "The metrics need Authorization: Bearer <METRICS_TOKEN>" },
        401,
        { "www-authenticate": 'Bearer realm="metrics"' },
      );
    }
    const stats = models.names.map((name) => models.stats(name)!);
    return c.text(renderMetrics(options.metrics, stats), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
      "cache-control": "no-store",
    });
  });
  const answer = (stats: ModelStats[]) => ({
    model_stats: stats.map(tritonModelStat),
  });
  app.get("/v2/models/stats", (c) => c.json(answer(statsOf(models))));
  app.get(
    "/v2/models/:name/stats",
    (c) => c.json(answer(statsOf(models, c.req.param("name")))),
  );
  app.get(
    "/v2/models/:name/versions/:version/stats",
    (c) =>
      c.json(
        answer(statsOf(models, c.req.param("name"), c.req.param("version"))),
      ),
  );
}
