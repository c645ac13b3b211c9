// What keeps the public server safe for its visitors and itself: security
// headers on every response, and a time limit on every API request.

import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { timeout } from "hono/timeout";

/**
 * The Content-Security-Policy of every response: the page runs only its own
 * script (/static/app.js) and stylesheet, talks only to this server, and cannot
 * be framed, so injected markup can neither run nor send data away.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (page, static files, API, errors, 404s):
 * the {@linkcode CONTENT_SECURITY_POLICY}, `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`,
 * `Cross-Origin-Opener-Policy: same-origin`, and a Permissions-Policy that
 * turns off the camera, microphone, geolocation and payment.
 *
 * `Cross-Origin-Resource-Policy` is left out: the API is meant to be called
 * from other origins (CORS), and CORP would stop browsers reading its answers.
 * HSTS is left to the TLS front end, which knows whether there is HTTPS.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
    },
  });
}

/** The time limit of one API request, in milliseconds, by default: 10 s. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Options of {@linkcode requestTimeout}. */
export interface TimeoutOptions {
  /** The time limit in milliseconds; {@linkcode REQUEST_TIMEOUT_MS} by default. */
  ms?: number;
}

/**
 * A time limit on a request, body upload included: past it the client gets a
 * 503 `{"error": "..."}` with `Retry-After: 1`, so a slow upload or an
 * overloaded server cannot hold a connection open forever. The work already
 * started is not cancelled (JavaScript cannot stop it), only abandoned; and
 * the limit can only strike between awaits, never inside one long synchronous
 * step such as decoding a large image.
 */
export function requestTimeout(
  options: TimeoutOptions = {},
): MiddlewareHandler {
  const { ms = REQUEST_TIMEOUT_MS } = options;
  return timeout(ms, (c) => {
    c.header("retry-after", "1");
    return new HTTPException(503, {
      message:
        `The request took longer than ${ms} ms and was stopped: the server is busy or the upload too slow, try again`,
    });
  });
}
