/**
 * Security headers on every response, and CORS for the API: what keeps the
 * public page safe for its visitors while other origins may call the API.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

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
