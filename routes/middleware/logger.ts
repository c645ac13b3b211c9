/**
 * One line per request on stdout — `POST /api/predict 200 1.8ms` — so that an
 * operator sees the traffic, or with `LOG_FORMAT=json` one JSON object per
 * request, for a log search; the stack of a 500 is logged by errors.ts.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { type AddressMatcher, clientKey } from "../../lib/http/admission.ts";
import type { AppEnv } from "../env.ts";
import { clientAddress } from "./admission.ts";
import { activeTraceId, routeOf } from "./edge.ts";

/** Options of {@linkcode requestLogger}. */
export interface LoggerOptions {
  /** Where each line goes (without its newline); {@linkcode bufferedStdout} by default. */
  write?: (line: string) => void;
  /** `text` (the default): method, path, status, time; `json`: {@linkcode jsonLine}'s object. */
  format?: "text" | "json";
  /** For `json`: the proxies whose `X-Forwarded-For` is trusted (see admission.ts). */
  trustedProxies?: AddressMatcher;
}

/** A per-process salt: client keys in the log cannot be looked up in a table of addresses. */
const SALT = crypto.getRandomValues(new Uint32Array(1))[0];

/** FNV-1a of the client's key and the salt, 8 hex digits: one client, one value, no address. */
function hashed(key: string): string {
  let hash = 0x811c9dc5 ^ SALT;
  for (let i = 0; i < key.length; i++) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/**
 * A request's JSON log line: `time`, `method`, `route` (as registered, e.g.
 * `/v2/models/:name/infer`), `status`, `ms`, and when known `model`,
 * `images`, `client` (its key hashed) and `trace_id` (OpenTelemetry's, when on).
 */
export function jsonLine(
  c: Context<AppEnv>,
  status: number,
  ms: number,
  trustedProxies?: AddressMatcher,
): string {
  const traceId = activeTraceId();
  return JSON.stringify({
    time: new Date().toISOString(),
    method: c.req.method,
    route: routeOf(c),
    status,
    ms: Math.round(ms * 10) / 10,
    model: c.get("model"),
    images: c.get("images"),
    client: hashed(clientKey(clientAddress(c, { trustedProxies }))),
    trace_id: traceId && !/^0+$/.test(traceId) ? traceId : undefined,
  });
}

/**
 * A line writer to stdout that gathers lines and writes them together every
 * `flushMs` (a write per request costs more than the rest of the log; see
 * docs/BENCHMARKS.md). A failed write (stdout closed) drops those lines
 * rather than taking the server down.
 */
export function bufferedStdout(flushMs = 100): (line: string) => void {
  const encoder = new TextEncoder();
  let lines: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const text = lines.join("\n") + "\n";
    lines = [];
    Deno.stdout.write(encoder.encode(text)).catch(() => {});
  };
  return (line) => {
    lines.push(line);
    timer ??= setTimeout(flush, flushMs);
  };
}

/**
 * Logs each request once it is answered: method, path (percent-encoded as sent,
 * so no client can forge a log line), status and duration in milliseconds.
 */
export function requestLogger(
  options: LoggerOptions = {},
): MiddlewareHandler<AppEnv> {
  const { write = bufferedStdout(), format = "text" } = options;
  return async (c, next) => {
    const start = performance.now();
    const line = (status: number) => {
      if (format === "json") {
        write(
          jsonLine(
            c,
            status,
            performance.now() - start,
            options.trustedProxies,
          ),
        );
        return;
      }
      const ms = (performance.now() - start).toFixed(1);
      // the path as sent, still percent-encoded, so no client can forge a line
      const url = c.req.url;
      const from = url.indexOf("/", url.indexOf("//") + 2);
      const query = url.indexOf("?", from);
      const path = url.slice(from, query === -1 ? undefined : query);
      write(`${c.req.method} ${path} ${status} ${ms}ms`);
    };
    try {
      await next();
    } catch (error) {
      line(500); // only what app.onError could not answer reaches here
      throw error;
    }
    line(c.res.status);
  };
}
