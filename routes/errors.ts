// The one error shape, {"error": "..."}: client mistakes become 4xx answers
// that say how to fix the request; anything else is our bug, a logged 500.

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { InputError } from "../lib/input_error.ts";

/** Supported bodies of POST /api/predict, for the 415 message. */
const PREDICT_TYPES =
  "application/json, image/png, image/jpeg, multipart/form-data (field image) or application/octet-stream";

/** Throws a client error (4xx) with a message that says how to fix the request. */
export function fail(status: ContentfulStatusCode, message: string): never {
  throw new HTTPException(status, { message });
}

/**
 * Runs a lib/ call on client input: its TypeError or SyntaxError becomes a 400,
 * its RangeError a 422 (or `rangeStatus`), with lib's message.
 */
export async function fromClient<T>(
  work: () => T | Promise<T>,
  rangeStatus: ContentfulStatusCode = 422,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError) fail(rangeStatus, error.message);
    if (error instanceof TypeError || error instanceof SyntaxError) {
      fail(400, error.message);
    }
    throw error;
  }
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

/** app.onError: HTTPExceptions keep their status; anything else is a logged 500. */
export function onError(error: Error, c: Context): Response {
  if (error instanceof InputError) {
    return c.json({ error: error.message }, error.status, error.headers);
  }
  if (error instanceof HTTPException) {
    let message = error.message || "Bad request";
    if (error.status === 415) {
      message = `Unsupported content type ${
        JSON.stringify(c.req.header("content-type") ?? "(none)")
      }: send ${PREDICT_TYPES}`;
    } else if (/malformed json/i.test(message)) {
      message = "Invalid JSON in the request body: check its syntax";
    }
    return c.json({ error: message }, error.status);
  }
  console.error(`500 ${c.req.method} ${c.req.path}:`, error);
  return c.json(
    { error: "Internal server error: this is our bug, not yours" },
    500,
  );
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
