/**
 * The one error shape, `{"error": "..."}`: a client's mistake (an
 * {@linkcode InputError} from lib/, or an HTTPException from a route) keeps its
 * status and message; anything else is our bug — a 500 that says only
 * "internal error", with the stack in the log. A client that went away is
 * no error at all.
 *
 * @module
 */

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { InputError } from "../lib/input_error.ts";
import { PREDICT_TYPES } from "./body.ts";

/** Throws a client error (4xx) with a message that says how to fix the request. */
export function fail(status: ContentfulStatusCode, message: string): never {
  throw new HTTPException(status, { message });
}

/** Turns zod issues into one sentence naming each bad field. */
export function describeIssues(error: ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((p) =>
      typeof p === "number" ? `[${p}]` : `.${String(p)}`
    )
      .join("").replace(/^\./, "");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3
    ? ` (and ${error.issues.length - 3} more)`
    : "";
  return `Invalid request: ${issues.join("; ")}${more}`;
}

/** The validation hook of every route: a failed schema is a 400. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError },
): void {
  if (!result.success) fail(400, describeIssues(result.error));
}

/** Whether an error only says that the client closed the connection. */
function clientLeft(error: unknown, c: Context): boolean {
  if (c.req.raw.signal.aborted) return true;
  const name = (error as { name?: string } | null)?.name;
  return name === "AbortError" || name === "BadResource" ||
    name === "Interrupted" || name === "ConnectionReset" ||
    name === "BrokenPipe";
}

/**
 * app.onError: an InputError or HTTPException keeps its status (with its
 * headers, e.g. `Retry-After`); anything else is a logged 500 whose body
 * tells nothing of our code. A client that left gets no log line as an error.
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof InputError) {
    return c.json({ error: error.message }, error.status, error.headers);
  }
  if (error instanceof HTTPException) {
    let message = error.message || "Bad request";
    if (error.status === 415 && c.req.path === "/api/predict") {
      message = `Unsupported content type ${
        JSON.stringify((c.req.header("content-type") ?? "(none)").slice(0, 80))
      }: send ${PREDICT_TYPES}`;
    } else if (/malformed json/i.test(message)) {
      message = "Invalid JSON in the request body: check its syntax";
    }
    return c.json({ error: message }, error.status);
  }
  if (clientLeft(error, c)) {
    // nobody reads this answer; 499 is nginx's "client closed request"
    return c.json({ error: "client closed the request" }, 499 as 400);
  }
  console.error(`500 ${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "internal error" }, 500);
}

/** app.notFound: 405 when the path exists with another method, else 404. */
export function notFoundFor(
  app: { routes: { method: string; path: string }[] },
) {
  return (c: Context): Response => {
    const allowed = new Set<string>();
    for (const route of app.routes) {
      if (route.method === "ALL" || route.path.includes("*")) continue;
      const pattern = new RegExp(
        "^" + route.path.replace(/:[^/]+/g, "[^/]+").replace(/\/$/, "") + "/?$",
      );
      if (pattern.test(c.req.path)) allowed.add(route.method);
    }
    if (allowed.size > 0) {
      const allow = [...allowed].join(", ");
      c.header("allow", allow);
      return c.json(
        {
          error:
            `Method ${c.req.method} is not allowed on ${c.req.path}: use ${allow}`,
        },
        405,
      );
    }
    return c.json(
      {
        error:
          `No route ${c.req.method} ${c.req.path}: see /api/openapi.json for the API`,
      },
      404,
    );
  };
}
