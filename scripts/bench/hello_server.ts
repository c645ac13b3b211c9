/**
 * The ceiling of the server benchmark: a bare Hono route that reads the same
 * bodies as POST /api/predict (784 JSON numbers, or 784 raw bytes) and answers
 * the same shape, {model, digit, probabilities[10]}, without running a network.
 *
 * PORT=8001 deno run -P=serve scripts/bench/hello_server.ts
 *
 * @module
 */

import { Hono } from "hono";

const PROBABILITIES = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];

/** The bare route: parse the body, check its length, answer a fixed prediction. */
export function helloApp(): Hono {
  const app = new Hono();
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
