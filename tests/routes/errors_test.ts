/**
 * Tests of `routes/errors.ts`.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { InputError } from "../../lib/input_error.ts";
import { describeIssues, onError } from "../../routes/errors.ts";

/** An app whose one route throws `error`, with the app's error handler. */
function throwing(error: unknown): Hono {
  const app = new Hono();
  app.get("/", () => {
    throw error;
  });
  app.onError(onError);
  return app;
}

/** Runs `fn` with console.error captured; returns what it logged. */
async function logged<T>(
  fn: () => T | Promise<T>,
): Promise<[Awaited<T>, string]> {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...args: unknown[]) =>
    lines.push(
      args.map((a) => a instanceof Error ? a.stack : String(a)).join(" "),
    );
  try {
    return [await fn(), lines.join("\n")];
  } finally {
    console.error = original;
  }
}

Deno.test("onError() answers an InputError with its status, message and headers", async () => {
  const [response, log] = await logged(() =>
    throwing(
      new InputError(503, "busy", { headers: { "retry-after": "2" } }),
    ).request("/")
  );
  assertEquals(response.status, 503);
  assertEquals(response.headers.get("retry-after"), "2");
  assertEquals(await response.json(), { error: "busy" });
  assertEquals(log, "");
});

Deno.test("onError() keeps an HTTPException's status", async () => {
  const response = await throwing(
    new HTTPException(404, { message: "no such thing" }),
  ).request("/");
  assertEquals(response.status, 404);
  assertEquals(await response.json(), { error: "no such thing" });
});

Deno.test("an unexpected TypeError inside a handler is a logged 500 that tells nothing of the code", async () => {
  const bug = () => {
    const value = undefined as unknown as { length: number };
    return value.length; // TypeError: Cannot read properties of undefined
  };
  const app = new Hono();
  app.get("/", (c) => c.json({ n: bug() }));
  app.onError(onError);
  const [response, log] = await logged(() => app.request("/"));
  assertEquals(response.status, 500);
  const body = await response.json();
  assertEquals(body, { error: "internal error" });
  assert(log.includes("500 GET /"), log);
  assert(log.includes("TypeError"), log);
  assert(log.includes("errors_test.ts"), "the log has the stack: " + log);
});

Deno.test("built-in RangeError and SyntaxError are bugs too, not 4xx", async () => {
  for (const error of [new RangeError("x"), new SyntaxError("y")]) {
    const [response] = await logged(() => throwing(error).request("/"));
    assertEquals(response.status, 500);
    assertEquals(await response.json(), { error: "internal error" });
  }
});

Deno.test("describeIssues() names each bad field with its path", () => {
  const schema = z.object({ a: z.array(z.number()), b: z.string() });
  const result = schema.safeParse({ a: [1, "x"], b: 3 });
  assertEquals(result.success, false);
  const message = describeIssues(result.error!);
  assertEquals(message.startsWith("Invalid request: a[1]: "), true, message);
  assertEquals(message.includes("; b: "), true, message);
});
