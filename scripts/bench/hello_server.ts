/**
 * The ceiling of the server benchmarks: a bare Hono route that reads the same
 * bodies as POST /api/predict (784 JSON numbers, or 784 raw bytes) and answers
 * the same shape, {model, digit, probabilities[10]}, without running a
 * network; and a page and a health check that answer at once.
 *
 * PORT=8001 deno run -P=serve scripts/bench/hello_server.ts
 *
 * @module
 */

import { Hono } from "hono";

const PROBABILITIES = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];

/**
 * The bare routes: `POST /api/predict` parses the body, checks its length and
 * answers a fixed prediction; `GET /` and `GET /api/health` answer at once
 * (the ceiling of bench:cold's first answers).
 */
export function helloApp(): Hono {
  const app = new Hono();
  app.get("/", (c) => c.html("<!doctype html><title>hello</title><p>hello"));
  app.get("/api/health", (c) => c.json({ status: "ok" }));
  app.post("/api/predict", async (c) => {
    const type = c.req.header("content-type") ?? "";
    let count: number;
    if (type.startsWith("application/octet-stream")) {
      count = (await c.req.arrayBuffer()).byteLength;
    } else {
      const body = await c.req.json() as { pixels?: unknown };
      count = Array.isArray(body.pixels) ? body.pixels.length : 0;
    }
    if (count !== 784) return c.json({ error: "784 values expected" }, 400);
    return c.json({ model: "hello", digit: 0, probabilities: PROBABILITIES });
  });
  return app;
}

if (import.meta.main) {
  const port = Number(Deno.env.get("PORT") ?? 8001);
  Deno.serve({ port }, helloApp().fetch);
}
