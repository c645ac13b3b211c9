/**
 * One line per request on stdout — `POST /api/predict 200 1.8ms` — so that an
 * operator sees the traffic; the stack of a 500 is logged by errors.ts.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";

/** Options of {@linkcode requestLogger}. */
export interface LoggerOptions {
  /** Where each line goes (without its newline); {@linkcode bufferedStdout} by default. */
  write?: (line: string) => void;
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
export function requestLogger(options: LoggerOptions = {}): MiddlewareHandler {
  const { write = bufferedStdout() } = options;
  return async (c, next) => {
    const start = performance.now();
    const line = (status: number) => {
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
