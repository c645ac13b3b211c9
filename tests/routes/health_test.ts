/**
 * Tests of `routes/health.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { healthRoutes } from "../../routes/health.ts";

Deno.test("GET /api/health says ok and which models have loaded, asking the registry each time", async () => {
  const ready = new Set(["mlp"]);
  const app = healthRoutes({
    names: ["mlp", "deep-cnn"],
    isReady: (name) => ready.has(name),
  });
  const first = await app.request("/api/health");
  assertEquals(first.status, 200);
  assertEquals(first.headers.get("content-type"), "application/json");
  assertEquals(await first.json(), {
    status: "ok",
    models: { mlp: true, "deep-cnn": false },
  });
  ready.add("deep-cnn");
  const later = await app.request("/api/health");
  assertEquals((await later.json()).models, { mlp: true, "deep-cnn": true });
});
