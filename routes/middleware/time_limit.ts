/**
 * A time limit on every API request, body upload included, handed to the
 * request's work as an AbortSignal in `c.var.workSignal`.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { ServerBusy } from "../../lib/errors.ts";
import { REQUEST_TIMEOUT_MS } from "../../lib/limits.ts";

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
