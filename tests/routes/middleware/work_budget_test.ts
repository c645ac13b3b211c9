/**
 * Tests of `routes/middleware/work_budget.ts`: load shedding by a memory budget.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { Hono } from "hono";
import type { AppEnv } from "../../../routes/env.ts";
import { onError } from "../../../routes/errors.ts";
import { readBody } from "../../../routes/body.ts";
import { workBudget } from "../../../routes/middleware/work_budget.ts";

/** An app whose route reads its body, charging each byte once, and holds it for `holdMs`. */
function app(limit: number, holdMs = 20) {
  const hono = new Hono<AppEnv>();
  const budget = workBudget({ limit });
  hono.use(budget);
  hono.post("/", async (c) => {
    const body = await readBody(c.req.raw, {
      limit: 1 << 20,
      what: "body",
      onBytes: (n) => c.var.work?.charge(n),
    });
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    return c.json({ length: body.length });
  });
  hono.onError(onError);
  return { hono, budget: budget.budget };
}

function post(hono: Hono<AppEnv>, body: BodyInit) {
  return hono.request("/", { method: "POST", body });
}

Deno.test("workBudget() refuses at once, with 503 and Retry-After, work that does not fit", async () => {
  const { hono, budget } = app(1000, 50);
  const started = performance.now();
  const responses = await Promise.all(
    [0, 1, 2].map(() => post(hono, "x".repeat(400))),
  );
  const statuses = responses.map((r) => r.status).sort();
  assertEquals(statuses, [200, 200, 503]);
  const refused = responses.find((r) => r.status === 503)!;
  assertEquals(refused.headers.get("retry-after"), "1");
  assert((await refused.json()).error.includes("try again"));
  // the refusal did not wait for the others: all three took about one hold
  assert(performance.now() - started < 2000);
  assertEquals(budget.used, 0, "every share is given back");
});

Deno.test("workBudget() lets work through again once shares are given back", async () => {
  const { hono } = app(500);
  for (let i = 0; i < 5; i++) {
    assertEquals((await post(hono, "x".repeat(400))).status, 200);
  }
});

Deno.test("a slow upload holds only the bytes it has sent, so it cannot starve a large body", async () => {
  const { hono, budget } = app(2_000_000, 0);
  const encoder = new TextEncoder();
  let timers: ReturnType<typeof setTimeout>[] = [];
  const slow = () =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        let sent = 0;
        const tick = () => {
          if (sent++ < 5) {
            controller.enqueue(encoder.encode("x"));
            timers.push(setTimeout(tick, 20));
          } else controller.close();
        };
        tick();
      },
    });
  const slowOnes = [post(hono, slow()), post(hono, slow())];
  const big = await post(hono, "y".repeat(900_000));
  assertEquals(big.status, 200);
  assertEquals((await big.json()).length, 900_000);
  for (const response of await Promise.all(slowOnes)) {
    assertEquals(response.status, 200);
    await response.body?.cancel();
  }
  timers.forEach(clearTimeout);
  timers = [];
  assertEquals(budget.used, 0);
});
