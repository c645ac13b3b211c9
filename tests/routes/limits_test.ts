/**
 * Tests of `routes/limits.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { Hono } from "hono";
import { bulkBodies } from "../../routes/limits.ts";

function app() {
  const hono = new Hono();
  let running = 0;
  const seen = { most: 0 };
  hono.use(bulkBodies({ threshold: 100, concurrency: 1 }));
  hono.post("/", async (c) => {
    running++;
    seen.most = Math.max(seen.most, running);
    const body = await c.req.text();
    await new Promise((resolve) => setTimeout(resolve, 10));
    running--;
    return c.json({ length: body.length });
  });
  return { hono, seen };
}

/** POSTs a body with its content-length, as HTTP clients send it. */
function post(hono: Hono, body: string) {
  return hono.request("/", {
    method: "POST",
    headers: { "content-length": String(body.length) },
    body,
  });
}

Deno.test("bulkBodies() handles large bodies one at a time", async () => {
  const { hono, seen } = app();
  const responses = await Promise.all(
    [0, 1, 2].map(() => post(hono, "x".repeat(500))),
  );
  for (const response of responses) {
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("content-type"), "application/json");
    assertEquals(await response.json(), { length: 500 });
  }
  assertEquals(seen.most, 1);
});

Deno.test("bulkBodies() lets small bodies through at once", async () => {
  const { hono, seen } = app();
  const responses = await Promise.all(
    [0, 1, 2].map(() => post(hono, "x".repeat(50))),
  );
  for (const response of responses) assertEquals(response.status, 200);
  assertEquals(seen.most, 3);
});

Deno.test("bulkBodies() counts a body of unknown length as large", async () => {
  const { hono, seen } = app();
  const responses = await Promise.all(
    [0, 1].map(() => hono.request("/", { method: "POST", body: "small" })),
  );
  for (const response of responses) assertEquals(response.status, 200);
  assertEquals(seen.most, 1);
});
