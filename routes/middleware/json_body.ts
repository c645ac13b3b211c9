/**
 * A JSON body that does not parse is the client's mistake, said as such
 * before a route's schema looks at it (Hono's validator would say only
 * "Malformed JSON in request body").
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { ClientError } from "../../lib/errors.ts";

/**
 * Parses the request's JSON body once (Hono keeps its text for the route's
 * validator) and refuses one that does not parse with a 400 that says so.
 *
 * @throws {ClientError} 400 when the body is not valid JSON.
 */
export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    try {
      await c.req.json();
    } catch (error) {
      // JSON.parse's own error and nothing else: a failed read stays what it is
      if (!(error instanceof SyntaxError)) throw error;
      throw new ClientError(
        400,
        "Invalid JSON in the request body: check its syntax",
      );
    }
    await next();
  };
}
