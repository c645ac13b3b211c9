// One line per request on stdout — `POST /api/predict 200 1.8ms` — so that an
// operator sees the traffic; the stack of a 500 is logged by errors.ts.

import type { MiddlewareHandler } from "hono";

/** Options of {@linkcode requestLogger}. */
export interface LoggerOptions {
  /** Where each line goes (without its newline); console.log by default. */
  write?: (line: string) => void;
}

/**
 * Logs each request once it is answered: method, path (percent-encoded as sent,
 * so no client can forge a log line), status and duration in milliseconds.
 */
export function requestLogger(options: LoggerOptions = {}): MiddlewareHandler {
  const { write = console.log } = options;
  return async (c, next) => {
    const start = performance.now();
    const line = (status: number) => {
      const ms = (performance.now() - start).toFixed(1);
      const path = new URL(c.req.url).pathname;
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
