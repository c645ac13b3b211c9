/**
 * Rate limiting as Hono middleware: a 429 `{"error"}` with `Retry-After` past
 * the limit, and the `RateLimit-Policy` and `RateLimit` fields of the IETF
 * draft (draft-ietf-httpapi-ratelimit-headers) on every limited answer.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { clientKey, RateLimiter } from "../../lib/http/mod.ts";
import { ClientError } from "../../lib/errors.ts";

/** Options of {@linkcode rateLimit}. */
export interface RateLimitOptions {
  /** Requests per window and per client; 0 turns the limit off. */
  limit: number;
  /** The window in milliseconds: 60,000 (a minute) by default. */
  windowMs?: number;
  /** The policy's name in the headers, e.g. `"drawings"`: `"default"` by default. */
  name?: string;
  /** Who a request counts against: {@linkcode clientAddress}'s key by default. */
  key?: (c: Context) => string;
  /** What the 429 says; `seconds` is the wait. */
  message?: (seconds: number) => string;
  /** The most clients remembered at once (see {@linkcode RateLimiter}). */
  maxKeys?: number;
  /** The clock in milliseconds, for tests. */
  now?: () => number;
}

/** Options of {@linkcode clientAddress}. */
export interface AddressOptions {
  /**
   * Read the address from `X-Forwarded-For`, as set by the platform's proxy
   * (Deno Deploy). Only behind such a proxy: elsewhere any client could
   * write the header. The last address is taken, the one the proxy added.
   */
  forwarded?: boolean;
}

/**
 * The connecting client's address, from the `info` that `Deno.serve` passes
 * to `app.fetch` (Hono's `c.env`), or with `forwarded` the proxy's
 * `X-Forwarded-For`. `"unknown"` when neither is there (in-process
 * `app.request` calls): all such requests share one quota.
 */
export function clientAddress(
  c: Context,
  options: AddressOptions = {},
): string {
  if (options.forwarded) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",")
      .map((hop) => hop.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  const info = c.env as { remoteAddr?: { hostname?: unknown } } | undefined;
  const hostname = info?.remoteAddr?.hostname;
  return typeof hostname === "string" && hostname ? hostname : "unknown";
}

/** A structured-field string (RFC 9651): quoted, with `"` and `\` escaped. */
function sfString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Limits each client to `limit` requests per window (bursts up to `limit`,
 * then one per `windowMs / limit`), in this process's memory: several
 * instances each count their own. Every answer of a limited route carries
 *
 *     RateLimit-Policy: "drawings";q=10;w=60
 *     RateLimit: "drawings";r=9;t=6
 *
 * (quota `q` per window of `w` seconds; `r` requests remain, one more comes
 * back in `t` seconds); past the limit the answer is a 429 with `Retry-After`
 * and `r=0`. With `limit` 0 the middleware lets everything through, without
 * headers.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const limiter = new RateLimiter(options);
  const name = sfString(options.name ?? "default");
  const key = options.key ?? ((c: Context) => clientKey(clientAddress(c)));
  const message = options.message ??
    ((seconds: number) =>
      `Too many requests: ${limiter.limit} per ${
        limiter.windowMs / 1000
      } s are allowed, try again in ${seconds} s`);
  return async (c, next) => {
    if (limiter.off) return await next();
    const decision = limiter.take(key(c));
    c.header(
      "ratelimit-policy",
      `${name};q=${decision.limit};w=${decision.windowSeconds}`,
    );
    c.header(
      "ratelimit",
      `${name};r=${decision.remaining};t=${decision.resetSeconds}`,
    );
    if (!decision.allowed) {
      c.header("retry-after", String(decision.retryAfterSeconds));
      throw new ClientError(429, message(decision.retryAfterSeconds));
    }
    await next();
  };
}
