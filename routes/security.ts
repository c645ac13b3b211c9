/**
 * What keeps the public server safe for its visitors and itself: security
 * headers on every response, and a time limit on every API request.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { ServerBusy } from "../lib/errors.ts";

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
export function securityHeaders(): MiddlewareHandler {
  const preflight = cors();
  return async (c, next) => {
    const api = isApi(c.req.path);
    if (api && c.req.method === "OPTIONS") {
      for (const [name, value] of API_HEADERS) c.header(name, value);
      return await preflight(c, next);
    }
    for (const [name, value] of api ? API_HEADERS : PAGE_HEADERS) {
      c.header(name, value);
    }
    await next();
  };
}

/** The time limit of one API request, in milliseconds, by default: 10 s. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Options of {@linkcode requestTimeout}. */
export interface TimeoutOptions {
  /** The time limit in milliseconds; {@linkcode REQUEST_TIMEOUT_MS} by default. */
  ms?: number;
}

const signals = new WeakMap<Request, AbortSignal>();

/**
 * The signal of a request's work: it aborts when the request's time limit
 * passes (undefined outside the API, where there is no limit). Body reads, image decoding and model runs
 * take it, so the work really stops (and frees its share of any budget).
 */
export function requestSignal(c: Context): AbortSignal | undefined {
  return signals.get(c.req.raw);
}

/**
 * A time limit on a request, body upload included: past it the client gets a
 * 503 `{"error": "..."}` with `Retry-After: 1` at once, and the request's
 * {@linkcode requestSignal} aborts, which stops the body read, the image
 * decoder (a worker, terminated) and the model's runs between pieces.
 */
export function requestTimeout(
  options: TimeoutOptions = {},
): MiddlewareHandler {
  const { ms = REQUEST_TIMEOUT_MS } = options;
  return async (c, next) => {
    // the request's own signal is left alone: Deno aborts it after every
    // answer (its legacy behaviour); a client that leaves mid-upload ends
    // the body read by itself
    const controller = new AbortController();
    signals.set(c.req.raw, controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ServerBusy(
          `The request took longer than ${ms} ms and was stopped: the server is busy or the upload too slow, try again`,
        );
        controller.abort(error);
        reject(error);
      }, ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
