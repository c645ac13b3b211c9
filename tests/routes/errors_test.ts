/**
 * Tests of `routes/errors.ts`.
 *
 * @module
 */

import { assert, assertEquals, assertThrows } from "@std/assert";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { ClientError, ServerBusy } from "../../lib/errors.ts";
import {
  describeIssues,
  onError,
  validationHook,
} from "../../routes/errors.ts";

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

Deno.test("onError() answers a ClientError with its status and message, unlogged", async () => {
  const [response, log] = await logged(() =>
    throwing(new ClientError(422, "pixel 3 is 2")).request("/")
  );
  assertEquals(response.status, 422);
  assertEquals(response.headers.get("retry-after"), null);
  assertEquals(await response.json(), { error: "pixel 3 is 2" });
  assertEquals(log, "");
});

Deno.test("onError() answers a ServerBusy with 503 and when to come back, unlogged", async () => {
  const [response, log] = await logged(() =>
    throwing(new ServerBusy("busy", { retryAfterSeconds: 2 })).request("/")
  );
  assertEquals(response.status, 503);
  assertEquals(response.headers.get("retry-after"), "2");
  assertEquals(await response.json(), { error: "busy" });
  assertEquals(log, "");
});

Deno.test("onError() keeps a 4xx HTTPException's status and message (Hono's own refusals)", async () => {
  const response = await throwing(
    new HTTPException(404, { message: "no such thing" }),
  ).request("/");
  assertEquals(response.status, 404);
  assertEquals(await response.json(), { error: "no such thing" });
});

Deno.test("onError() answers a 5xx HTTPException as a logged bug, its message kept out of the body", async () => {
  const [response, log] = await logged(() =>
    throwing(new HTTPException(502, { message: "upstream detail" }))
      .request("/")
  );
  assertEquals(response.status, 500);
  assertEquals(await response.json(), { error: "internal error" });
  assert(log.includes("upstream detail"), log);
});

Deno.test("validationHook() turns a failed schema into a 400 ClientError naming the field", () => {
  const result = z.object({ a: z.number() }).safeParse({ a: "x" });
  const error = assertThrows(
    () => validationHook(result),
    ClientError,
    "Invalid request: a: ",
  );
  assertEquals(error.status, 400);
  validationHook({ success: true }); // a valid one passes
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
