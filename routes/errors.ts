/**
 * The one error shape, `{"error": "..."}`: a client's mistake (a
 * {@linkcode ClientError}) keeps its status and message, the server being
 * busy (a {@linkcode ServerBusy}) is a 503 that says when to come back;
 * anything else is our bug — a 500 that says only "internal error", with the
 * stack in the log. A client that went away is no error at all.
 *
 * @module
 */

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { ClientError, ServerBusy } from "../lib/errors.ts";

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
  if (!result.success) throw new ClientError(400, describeIssues(result.error));
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
 * app.onError, the one place an error becomes an answer: a
 * {@linkcode ClientError} keeps its status and message; a
 * {@linkcode ServerBusy} is a 503 with `Retry-After`; a 4xx HTTPException
 * (thrown by Hono's own middlewares) keeps its status and message; anything
 * else is a logged 500 whose body tells nothing of our code. A client that
 * left gets no log line as an error.
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof ClientError) {
    return c.json({ error: error.message }, error.status);
  }
  if (error instanceof ServerBusy) {
    return c.json({ error: error.message }, 503, {
      "retry-after": String(error.retryAfterSeconds),
    });
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json({ error: error.message || "Bad request" }, error.status);
  }
  if (clientLeft(error, c)) {
    // nobody reads this answer; 499 is nginx's "client closed request"
    return c.json({ error: "client closed the request" }, 499 as 400);
  }
  console.error(`500 ${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "internal error" }, 500);
}

/**
 * app.notFound: 405 when the path exists with another method, else 404 — a
 * path with a slash more or less than a route's (`/api/health/`) is another
 * path, as Hono's strict routing has it: a 404 for every method.
 */
export function notFoundFor(
  app: { routes: { method: string; path: string }[] },
) {
  return (c: Context): Response => {
    const allowed = new Set<string>();
    for (const route of app.routes) {
      if (route.method === "ALL" || route.path.includes("*")) continue;
      const pattern = new RegExp(
        "^" + route.path.replace(/:[^/]+/g, "[^/]+") + "$",
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
