/**
 * Tests of `routes/middleware/logger.ts`.
 *
 * @module
 */

import "../../_data.ts"; // onnxruntime-web started before any test
import { assertEquals, assertMatch } from "@std/assert";
import { Hono } from "hono";
import { ModelRegistry } from "../../../lib/runtime/mod.ts";
import { createApp } from "../../../routes/app.ts";
import { onError } from "../../../routes/errors.ts";
import {
  bufferedStdout,
  requestLogger,
} from "../../../routes/middleware/logger.ts";
import "../../_worker.ts"; // the inference worker, started before any test

/** A small app with the logger first, as createApp wires it, and its lines. */
function loggedApp() {
  const lines: string[] = [];
  const app = new Hono();
  app.use(requestLogger({ write: (line) => lines.push(line) }));
  app.get("/ok", (c) => c.json({ ok: true }));
  app.post("/api/predict", (c) => c.json({ digit: 7 }));
  app.get("/broken", () => {
    throw new Error("a bug of ours");
  });
  app.onError(onError);
  return { app, lines };
}

const LINE = /^(?<method>[A-Z]+) (?<path>\S+) (?<status>\d{3}) \d+\.\dms$/;

const cases: [string, RequestInit, string, number][] = [
  ["/ok", {}, "GET /ok", 200],
  ["/api/predict", { method: "POST", body: "{}" }, "POST /api/predict", 200],
  ["/nowhere?secret=1", {}, "GET /nowhere", 404],
  ["/ok", { method: "DELETE" }, "DELETE /ok", 404],
];

for (const [path, init, start, status] of cases) {
  Deno.test(`requestLogger() writes "${start} ${status} …ms"`, async () => {
    const { app, lines } = loggedApp();
    const response = await app.request(path, init);
    assertEquals(response.status, status);
    await response.body?.cancel();
    assertEquals(lines.length, 1);
    assertMatch(lines[0], LINE);
    assertEquals(lines[0].startsWith(`${start} ${status} `), true, lines[0]);
  });
}

Deno.test("requestLogger() logs the 500 that onError answers, the stack on stderr", async () => {
  const { app, lines } = loggedApp();
  const errors: unknown[][] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    const response = await app.request("/broken");
    assertEquals(response.status, 500);
    assertMatch(response.headers.get("content-type") ?? "", /json/);
    assertEquals((await response.json()).error, "internal error");
  } finally {
    console.error = consoleError;
  }
  assertEquals(lines.length, 1);
  assertMatch(lines[0], /^GET \/broken 500 \d+\.\dms$/);
  assertEquals(errors.length, 1);
  assertMatch(String(errors[0][0]), /^500 GET \/broken/);
  const error = errors[0][1] as Error;
  assertMatch(error.stack ?? "", /a bug of ours\n\s+at /);
});

Deno.test("requestLogger() keeps control characters of the path percent-encoded", async () => {
  const { app, lines } = loggedApp();
  const response = await app.request("/ok%0AGET%20/forged%20200%200.1ms");
  assertEquals(response.status, 404);
  await response.body?.cancel();
  assertEquals(lines, [lines[0]]);
  assertEquals(lines[0].includes("\n"), false);
  assertMatch(lines[0], /^GET \/ok%0AGET%20\/forged%20200%200\.1ms 404 /);
});

Deno.test("requestLogger() writes one line per request, in order", async () => {
  const { app, lines } = loggedApp();
  for (let i = 0; i < 3; i++) await (await app.request("/ok")).body?.cancel();
  assertEquals(lines.length, 3);
  for (const line of lines) assertMatch(line, /^GET \/ok 200 /);
});

Deno.test("createApp() logs to stdout with log: true, and is quiet without it", async () => {
  const models = new ModelRegistry(["mlp"]);
  const printed: string[] = [];
  const original = Deno.stdout.write;
  Deno.stdout.write = (bytes: Uint8Array) => {
    printed.push(new TextDecoder().decode(bytes));
    return Promise.resolve(bytes.length);
  };
  try {
    for (const log of [true, false]) {
      const app = createApp({ models, log });
      const response = await app.request("/api/health");
      assertEquals(response.status, 200);
      await response.body?.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, 250)); // the buffer's flush
  } finally {
    Deno.stdout.write = original;
  }
  assertEquals(printed.length, 1);
  assertMatch(printed[0], /^GET \/api\/health 200 \d+\.\dms\n$/);
});

Deno.test("bufferedStdout() gathers lines and writes them together", async () => {
  const written: string[] = [];
  const original = Deno.stdout.write;
  Deno.stdout.write = (bytes: Uint8Array) => {
    written.push(new TextDecoder().decode(bytes));
    return Promise.resolve(bytes.length);
  };
  try {
    const write = bufferedStdout(5);
    write("GET / 200 1.0ms");
    write("GET /api/health 200 0.4ms");
    assertEquals(written, []);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assertEquals(written, ["GET / 200 1.0ms\nGET /api/health 200 0.4ms\n"]);
  } finally {
    Deno.stdout.write = original;
  }
});
