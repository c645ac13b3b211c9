/**
 * Tests of `routes/middleware/time_limit.ts`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertInstanceOf,
  assertMatch,
} from "@std/assert";
import { Hono } from "hono";
import { ServerBusy } from "../../../lib/errors.ts";
import type { AppEnv } from "../../../routes/env.ts";
import { onError } from "../../../routes/errors.ts";
import { requestTimeout } from "../../../routes/middleware/time_limit.ts";

Deno.test("requestTimeout() answers a request that runs too long with a JSON 503 and aborts its work's signal", async () => {
  const slow = new Hono<AppEnv>();
  slow.use(requestTimeout({ ms: 20 }));
  let signal: AbortSignal | undefined;
  let release = () => {};
  const held = new Promise<void>((resolve) => release = resolve);
  slow.get("/slow", async (c) => {
    signal = c.var.workSignal;
    await held;
    return c.text("too late");
  });
  slow.onError(onError);
  try {
    const response = await slow.request("/slow");
    assertEquals(response.status, 503);
    assertMatch(response.headers.get("content-type") ?? "", /json/);
    assertEquals(response.headers.get("retry-after"), "1");
    assertMatch((await response.json()).error, /took longer than 20 ms/);
    assert(signal?.aborted, "the work's signal aborts");
    assertInstanceOf(signal?.reason, ServerBusy);
  } finally {
    release();
  }
});

Deno.test("requestTimeout() lets a request within the limit through, its signal not aborted", async () => {
  const quick = new Hono<AppEnv>();
  quick.use(requestTimeout({ ms: 60_000 }));
  quick.get("/quick", (c) => c.json({ aborted: c.var.workSignal?.aborted }));
  const response = await quick.request("/quick");
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /json/);
  assertEquals(await response.json(), { aborted: false });
});

Deno.test("without requestTimeout() a request has no work signal", async () => {
  const open = new Hono<AppEnv>();
  open.get("/", (c) => c.json({ has: c.var.workSignal !== undefined }));
  assertEquals(await (await open.request("/")).json(), { has: false });
});
