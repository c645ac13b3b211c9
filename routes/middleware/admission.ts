/**
 * Admission as Hono middleware: what an API request may take before its
 * route runs, in the order app.ts applies them.
 *
 * - {@linkcode requestTimeout}: a time limit on every API request, body
 *   upload included, handed to the request's work as an AbortSignal in
 *   `c.var.workSignal`.
 * - {@linkcode rateLimit}: a quota per client, a 429 `{"error"}` with
 *   `Retry-After` past it, and the `RateLimit-Policy` and `RateLimit` fields
 *   of the IETF draft (draft-ietf-httpapi-ratelimit-headers) on every limited
 *   answer.
 * - {@linkcode workBudget}: load shedding by memory: each API request takes
 *   its share of one byte budget as its body arrives (times what parsing or
 *   decoding it costs) and gives it back when it ends. A request that does
 *   not fit is answered 503 with Retry-After at once, instead of waiting for
 *   the time limit.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { ClientError, ServerBusy } from "../../lib/errors.ts";
import { REQUEST_TIMEOUT_MS, WORK_BUDGET_MB } from "../../lib/limits.ts";
import {
  type AddressMatcher,
  type Budget,
  clientKey,
  createBudget,
  RateLimiter,
} from "../../lib/http/admission.ts";

/** What {@linkcode requestTimeout} hands on in `c.var`. */
export interface TimeLimitVariables {
  /**
   * The signal of a request's work: it aborts when the request's time limit
   * passes (unset outside the API, where there is no limit). Body reads,
   * image decoding and model runs take it, so the work really stops (and
   * frees its share of any budget).
   */
  workSignal?: AbortSignal;
}

export { REQUEST_TIMEOUT_MS };

/** Options of {@linkcode requestTimeout}. */
export interface TimeoutOptions {
  /** The time limit in milliseconds; {@linkcode REQUEST_TIMEOUT_MS} by default. */
  ms?: number;
}

/**
 * A time limit on a request, body upload included: past it the client gets a
 * 503 `{"error": "..."}` with `Retry-After: 1` at once (a
 * {@linkcode ServerBusy}), and `c.var.workSignal` aborts, which stops the body
 * read, the image decoder (a worker, terminated) and the model's runs between
 * pieces.
 */
export function requestTimeout(
  options: TimeoutOptions = {},
): MiddlewareHandler<{ Variables: TimeLimitVariables }> {
  const { ms = REQUEST_TIMEOUT_MS } = options;
  return async (c, next) => {
    // the request's own signal is left alone: Deno aborts it after every
    // answer (its legacy behaviour); a client that leaves mid-upload ends
    // the body read by itself
    const controller = new AbortController();
    c.set("workSignal", controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ServerBusy(
          `The request took longer than ${ms} ms and was stopped: the server is busy or the upload too slow, try again`,
          { reason: "time" },
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
  /** For the default key: the proxies whose `X-Forwarded-For` is trusted (see {@linkcode AddressOptions}). */
  trustedProxies?: AddressMatcher;
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
   * The proxies in front of the server whose `X-Forwarded-For` is trusted
   * (`TRUSTED_PROXIES`): a request that comes from one of them counts
   * against the last address in that header that is not itself such a
   * proxy. Without it the header is never read: any client can write it.
   */
  trustedProxies?: AddressMatcher;
}

/**
 * The client's address: the connection's remote address (the `info` that
 * `Deno.serve` passes to `app.fetch`, as Hono's `getConnInfo` reads it) —
 * on Deno Deploy, whose runtime sets `DENO_TRUST_PROXY_HEADERS`, the address
 * its proxy saw — or, for a connection from a trusted proxy, the address
 * that proxy added to `X-Forwarded-For`. `"unknown"` without a connection
 * (in-process `app.request` calls): all such requests share one quota.
 */
export function clientAddress(
  c: Context,
  options: AddressOptions = {},
): string {
  // the address as hono/deno's getConnInfo reads it, without loading that
  // adapter's other modules (serve-static, SSG, WebSocket) with the server
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  const remote = info?.remoteAddr?.hostname;
  if (!remote) return "unknown";
  const { trustedProxies: trusted } = options;
  if (!trusted?.(remote)) return remote;
  const hops = (c.req.header("x-forwarded-for") ?? "").split(",")
    .map((hop) => hop.trim()).filter(Boolean);
  // from the nearest hop back: the first that is no proxy of ours
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trusted(hops[i])) return hops[i];
  }
  return hops[0] ?? remote;
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
  const address = { trustedProxies: options.trustedProxies };
  const key = options.key ??
    ((c: Context) => clientKey(clientAddress(c, address)));
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

/** What {@linkcode workBudget} hands on in `c.var`. */
export interface WorkBudgetVariables {
  /** The request's account on the work budget (unset where there is no budget). */
  work?: WorkAccount;
}

/**
 * The default budget of work in flight, in bytes (`WORK_BUDGET_MB` of
 * lib/limits.ts). A JSON body at its limit (charged 4×) fits it, and under
 * the soak's hostile mix it keeps a 512 MB instance under 450 MB
 * (docs/BENCHMARKS.md, Round 8).
 */
export const DEFAULT_WORK_BUDGET = WORK_BUDGET_MB * 1024 * 1024;

/** Options of {@linkcode workBudget}. */
export interface WorkBudgetOptions {
  /** The budget in bytes; {@linkcode DEFAULT_WORK_BUDGET} by default. */
  limit?: number;
}

/** A request's share of the budget, in `c.var.work`. */
export interface WorkAccount {
  /**
   * Takes `bytes` of the budget for this request's work, kept until the
   * request ends.
   *
   * @param tooLarge What a 413 says when the work could never fit the whole budget.
   * @throws {ClientError} 413 when `bytes` is over the whole budget (with `tooLarge`).
   * @throws {ServerBusy} When it is over what is left now.
   */
  charge(bytes: number, tooLarge?: (limit: number) => string): void;
}

/**
 * Gives each request an account on one shared budget (`c.var.work`), settled
 * when the request's work ends: its share stays taken while its data is in
 * memory. The middleware's `budget` is the budget itself, for tests.
 */
export function workBudget(
  options: WorkBudgetOptions = {},
): MiddlewareHandler<{ Variables: WorkBudgetVariables }> & { budget: Budget } {
  const budget = createBudget(options.limit ?? DEFAULT_WORK_BUDGET);
  const middleware: MiddlewareHandler<{ Variables: WorkBudgetVariables }> =
    async (c, next) => {
      let taken = 0;
      c.set("work", {
        charge(bytes, tooLarge) {
          if (tooLarge && bytes > budget.limit) {
            throw new ClientError(413, tooLarge(budget.limit));
          }
          if (!budget.take(bytes)) {
            throw new ServerBusy(
              "The server is at its limit of work in flight: try again in a moment, or send a smaller batch",
              { reason: "budget" },
            );
          }
          taken += bytes;
        },
      });
      try {
        await next();
      } finally {
        budget.give(taken);
        taken = 0;
      }
    };
  return Object.assign(middleware, { budget });
}
