/**
 * What every request meets first and every answer leaves with: security
 * headers, and CORS for the API ({@linkcode securityHeaders}: what keeps the
 * public page safe for its visitors while other origins may call the API);
 * its count in the metrics, an inference request's outcome in its model's
 * statistics, and its route on the request's OpenTelemetry span
 * (`securityHeaders`' counting, when given the models and the metrics); the spans of a request's steps
 * ({@linkcode stepSpan}).
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { matchedRoutes } from "hono/route";
import { ServerBusy } from "../../lib/errors.ts";
import { DEFAULT_MODEL } from "../../lib/models.ts";
import type { HttpMetrics, Refusal } from "../../lib/observe/mod.ts";
import type { ModelRegistry } from "../../lib/runtime/mod.ts";
import type { AppEnv } from "../env.ts";

/**
 * The Content-Security-Policy of every response: the page runs only its own
 * scripts (/static/app.js, the engine chunk, /sw.js) and stylesheet, talks
 * only to this server, and cannot be framed, so injected markup can neither
 * run nor send data away. `'wasm-unsafe-eval'` lets it compile WebAssembly
 * (onnxruntime-web's wasm, from this origin) and nothing more: no eval, no
 * inline script.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The page's policy as one header value. */
const PAGE_CSP = Object.entries(CONTENT_SECURITY_POLICY).map((
  [name, sources],
) =>
  `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${sources.join(" ")}`
).join("; ");

/** The headers of the page, its static files and every answer outside the API. */
export const PAGE_HEADERS: [string, string][] = [
  ["content-security-policy", PAGE_CSP],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["x-frame-options", "DENY"],
  ["cross-origin-opener-policy", "same-origin"],
  [
    "permissions-policy",
    "camera=(), microphone=(), geolocation=(), payment=()",
  ],
];

/**
 * The headers of a JSON answer of /api and /v2: a policy that allows nothing
 * (a JSON answer runs no script and loads nothing) and cannot be framed,
 * nosniff, no referrer, and the CORS header that lets other origins read it.
 * Fewer headers than the page's: each costs time on the hot path (see
 * docs/BENCHMARKS.md), and the page-only ones mean nothing to JSON.
 */
export const API_HEADERS: [string, string][] = [
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["access-control-allow-origin", "*"],
];

function isApi(path: string): boolean {
  return path.startsWith("/api/") || path.startsWith("/v2/") || path === "/v2";
}

/**
 * Security headers on every response (page, static files, API, errors, 404s):
 * {@linkcode PAGE_HEADERS} — the {@linkcode CONTENT_SECURITY_POLICY},
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `X-Frame-Options: DENY`, `Cross-Origin-Opener-Policy: same-origin` and a
 * Permissions-Policy that turns off the camera, microphone, geolocation and
 * payment — or, on /api and /v2, the lean {@linkcode API_HEADERS} with CORS.
 * Preflight (`OPTIONS`) requests of the API are answered by hono's `cors()`.
 *
 * `Cross-Origin-Resource-Policy` is left out: the API is meant to be called
 * from other origins (CORS), and CORP would stop browsers reading its answers.
 * HSTS is left to the TLS front end, which knows whether there is HTTPS.
 */
export function securityHeaders(
  observe?: { models: ModelRegistry; metrics: HttpMetrics },
): MiddlewareHandler<AppEnv> {
  const preflight = cors();
  return async (c, next) => {
    const start = performance.now();
    if (observe) c.set("metrics", observe.metrics);
    const api = isApi(c.req.path);
    if (api && c.req.method === "OPTIONS") {
      for (const [name, value] of API_HEADERS) c.header(name, value);
      // hono's cors() answers a preflight itself (its Response is the answer)
      const answer = await preflight(c, next);
      if (answer) c.res = answer;
    } else {
      for (const [name, value] of api ? API_HEADERS : PAGE_HEADERS) {
        c.header(name, value);
      }
      await next();
    }
    if (observe) countAnswer(c, start, observe.models, observe.metrics);
  };
}

/** The route an answer came from, as registered (`/v2/models/:name/infer`), or `unmatched`. */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    if (routes[i].method !== "ALL") return routes[i].path;
  }
  return "unmatched";
}

/** The inference routes: their requests count in their model's statistics. */
const INFERENCE = new Set([
  "/api/predict",
  "/v2/models/:name/infer",
  "/v2/models/:name/versions/:version/infer",
]);

/** Why an API request was refused, from its status (and a 503's reason). */
function refusalOf(status: number, error: unknown): Refusal | undefined {
  if (status === 429) return "rate_limit";
  if (status === 413) return "body_too_large";
  if (status === 503) {
    return error instanceof ServerBusy ? error.reason : "queue";
  }
  if (status >= 400 && status < 500 && status !== 499) return "bad_input";
}

/** The model an inference request asked for: the route's, else its path's or query's. */
function modelOf(c: Context<AppEnv>, route: string): string {
  const model = c.get("model");
  if (model) return model;
  if (route === "/api/predict") {
    // hono reads the query from the URL's text (no URL object: half of
    // the counting's time was parsing one)
    return c.req.query("model") ?? DEFAULT_MODEL;
  }
  const name = c.req.path.split("/")[3] ?? "";
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // not a served model's name: not counted
  }
}

/**
 * Counts an answer in `metrics` (by route and status class; a refused API
 * request by reason), and an inference request in its model's statistics
 * (success or failure, and its time from arrival to answer). With
 * OpenTelemetry on, the request's span gets its `http.route`.
 */
function countAnswer(
  c: Context<AppEnv>,
  start: number,
  models: ModelRegistry,
  metrics: HttpMetrics,
): void {
  const { status } = c.res;
  const route = routeOf(c);
  const key = `${c.req.method}\t${route}\t${Math.floor(status / 100)}xx`;
  metrics.requests.set(key, (metrics.requests.get(key) ?? 0) + 1);
  if (status >= 400 && isApi(c.req.path)) {
    const reason = refusalOf(status, c.error);
    if (reason) metrics.refusals[reason]++;
  }
  const span = otel?.trace.getActiveSpan();
  if (span) {
    span.setAttribute("http.route", route);
    span.updateName(`${c.req.method} ${route}`);
  }
  if (status === 201 && route === "/api/drawings") metrics.drawingsStored++;
  if (!INFERENCE.has(route)) return;
  const stats = models.stats(modelOf(c, route));
  if (!stats) return;
  const outcome = status < 300
    ? stats.inference_stats.success
    : stats.inference_stats.fail;
  outcome.count++;
  outcome.ns += (performance.now() - start) * 1e6;
  stats.last_inference = Date.now();
}

/**
 * @opentelemetry/api, loaded by {@linkcode loadTelemetry} once the server has
 * answered its first requests (its 48 modules kept out of the front's first
 * module graph): the spans of those first answers get no route.
 */
let otel: typeof import("@opentelemetry/api") | undefined;
let tracer: import("@opentelemetry/api").Tracer | undefined;
let loading: Promise<void> | undefined;

/** Loads @opentelemetry/api (once): from then on spans are named and made. */
export function loadTelemetry(): Promise<void> {
  loading ??= import("@opentelemetry/api").then((api) => {
    tracer = api.trace.getTracer("mnist-deno");
    otel = api;
  });
  return loading;
}

/** The trace id of the request's span, when OpenTelemetry is on (and loaded). */
export function activeTraceId(): string | undefined {
  return otel?.trace.getActiveSpan()?.spanContext().traceId;
}

/**
 * A span for a step of the request now answered (reading its body, decoding
 * its picture, waiting in the batch queue, computing), from `start` to `end`
 * (`performance.now()` times), a child of the request's span. Nothing is made
 * when OpenTelemetry is off.
 */
export function stepSpan(
  name: string,
  start: number,
  end: number,
  attributes: Record<string, string | number> = {},
): void {
  if (!otel || !tracer || !otel.trace.getActiveSpan()?.isRecording()) return;
  const origin = performance.timeOrigin;
  tracer.startSpan(
    name,
    { startTime: origin + start, attributes },
    otel.context.active(),
  )
    .end(origin + end);
}
