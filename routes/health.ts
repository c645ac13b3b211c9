/**
 * GET /api/health: the server is up, and which models have loaded. Answered
 * by the server's front from its first moment (routes/app.ts), never behind
 * onnxruntime or the rest of the app; its schema is documented with the
 * catalogue's routes (routes/catalogue.ts).
 *
 * @module
 */

import { Hono } from "hono";

/** What health needs of the model registry. */
export interface Readiness {
  readonly names: readonly string[];
  isReady(name: string): boolean;
}

/** The health route: `{"status": "ok", "models": {"mlp": true, ...}}`. */
export function healthRoutes(models: Readiness): Hono {
  const app = new Hono();
  app.get("/api/health", (c) =>
    c.json({
      status: "ok" as const,
      models: Object.fromEntries(
        models.names.map((name) => [name, models.isReady(name)]),
      ),
    }));
  return app;
}
