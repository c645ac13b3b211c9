/**
 * Tests of `routes/middleware/admission.ts`: the time limit, the rate limit
 * and the work budget.
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
import {
  clientAddress,
  rateLimit,
  type RateLimitOptions,
  requestTimeout,
  workBudget,
} from "../../../routes/middleware/admission.ts";
import { errorOf } from "../../_app.ts";
import { addressMatcher } from "../../../lib/http/mod.ts";
import { readBody } from "../../../routes/body.ts";

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

/** A tiny app whose POST /write is limited, on a clock the test moves. */
function limitedApp(options: Partial<RateLimitOptions> = {}) {
  const clock = { now: 5_000_000 };
  const app = new Hono();
  app.onError(onError);
  app.post(
    "/write",
    rateLimit({ limit: 2, name: "writes", now: () => clock.now, ...options }),
    (c) => c.json({ ok: true }),
  );
  const trustedProxies = addressMatcher(["10.0.0.0/8", "fd00::/8"]);
  app.get(
    "/who",
    (c) =>
      c.text(
        clientAddress(
          c,
          c.req.query("proxies") === "1" ? { trustedProxies } : {},
        ),
      ),
  );
  return { app, clock };
}

const from = (hostname: string) => ({ remoteAddr: { hostname, port: 1 } });

Deno.test("rateLimit() sends RateLimit-Policy and RateLimit, then a 429 {error} with Retry-After", async () => {
  const { app, clock } = limitedApp();
  const first = await app.request(
    "/write",
    { method: "POST" },
    from("10.0.0.1"),
  );
  assertEquals(first.status, 200);
  assertEquals(first.headers.get("ratelimit-policy"), '"writes";q=2;w=60');
  assertEquals(first.headers.get("ratelimit"), '"writes";r=1;t=30');
  await app.request("/write", { method: "POST" }, from("10.0.0.1"));
  const refused = await app.request(
    "/write",
    { method: "POST" },
    from("10.0.0.1"),
  );
  const [status, error] = await errorOf(refused);
  assertEquals(status, 429);
  assertMatch(error, /Too many requests: 2 per 60 s.*try again in 30 s/);
  assertEquals(refused.headers.get("retry-after"), "30");
  assertEquals(refused.headers.get("ratelimit"), '"writes";r=0;t=30');
  const other = await app.request(
    "/write",
    { method: "POST" },
    from("10.0.0.2"),
  );
  assertEquals(other.status, 200, "another address has its own quota");
  clock.now += 30_000;
  const later = await app.request(
    "/write",
    { method: "POST" },
    from("10.0.0.1"),
  );
  assertEquals(later.status, 200);
});

Deno.test("rateLimit() counts an IPv6 /64 as one client", async () => {
  const { app } = limitedApp({ limit: 1 });
  const a = await app.request(
    "/write",
    { method: "POST" },
    from("2001:db8:1:2::a"),
  );
  const b = await app.request(
    "/write",
    { method: "POST" },
    from("2001:db8:1:2::b"),
  );
  const c = await app.request(
    "/write",
    { method: "POST" },
    from("2001:db8:1:3::a"),
  );
  assertEquals([a.status, b.status, c.status], [200, 429, 200]);
  await b.body?.cancel();
});

Deno.test("rateLimit() with limit 0 lets everything through, without headers", async () => {
  const { app } = limitedApp({ limit: 0 });
  for (let i = 0; i < 20; i++) {
    const response = await app.request("/write", { method: "POST" });
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("ratelimit"), null);
  }
});

Deno.test("rateLimit() counts in-process requests with no address as one client", async () => {
  const { app } = limitedApp({ limit: 1 });
  assertEquals((await app.request("/write", { method: "POST" })).status, 200);
  const second = await app.request("/write", { method: "POST" });
  assertEquals(second.status, 429);
  await second.body?.cancel();
});

Deno.test("clientAddress() is the connection's address, whatever X-Forwarded-For says, unless the connection is from a trusted proxy", async () => {
  const { app } = limitedApp();
  const who = async (path: string, hostname: string, forwarded?: string) =>
    await (await app.request(
      path,
      { headers: forwarded ? { "x-forwarded-for": forwarded } : {} },
      from(hostname),
    )).text();
  const hops = "6.6.6.6, 198.51.100.7";
  assertEquals(await who("/who", "10.1.1.1", hops), "10.1.1.1");
  assertEquals(await who("/who", "203.0.113.5", hops), "203.0.113.5");
  // with trusted proxies: a proxy's own hop, the nearest that is no proxy
  const trusting = "/who?proxies=1";
  assertEquals(await who(trusting, "10.1.1.1", hops), "198.51.100.7");
  assertEquals(
    await who(trusting, "10.1.1.1", "6.6.6.6, 198.51.100.7, 10.9.9.9"),
    "198.51.100.7",
    "a chain of our proxies",
  );
  assertEquals(await who(trusting, "fd00::3", hops), "198.51.100.7");
  assertEquals(await who(trusting, "10.1.1.1"), "10.1.1.1", "no header");
  assertEquals(
    await who(trusting, "203.0.113.5", hops),
    "203.0.113.5",
    "a client that is no proxy cannot spoof it",
  );
  assertEquals(await (await app.request("/who")).text(), "unknown");
});

Deno.test("rateLimit(): a client that changes X-Forwarded-For keeps its quota", async () => {
  const { app } = limitedApp({ limit: 2 });
  const statuses = [];
  for (const forwarded of ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]) {
    const response = await app.request("/write", {
      method: "POST",
      headers: { "x-forwarded-for": forwarded },
    }, from("203.0.113.5"));
    await response.body?.cancel();
    statuses.push(response.status);
  }
  assertEquals(statuses, [200, 200, 429, 429]);
});

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
