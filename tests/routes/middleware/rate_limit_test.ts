import { assert, assertEquals, assertMatch } from "@std/assert";
import { Hono } from "hono";
import { onError } from "../../../routes/errors.ts";
import {
  clientAddress,
  rateLimit,
} from "../../../routes/middleware/rate_limit.ts";
import type { RateLimitOptions } from "../../../routes/middleware/rate_limit.ts";
import { errorOf } from "../../_app.ts";

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
  app.get(
    "/who",
    (c) => c.text(clientAddress(c, { forwarded: c.req.query("fwd") === "1" })),
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

Deno.test("clientAddress() reads Deno.serve's remoteAddr, or the proxy's X-Forwarded-For only when told to", async () => {
  const { app } = limitedApp();
  const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.7" };
  const direct = await app.request("/who", { headers }, from("10.1.1.1"));
  assertEquals(await direct.text(), "10.1.1.1", "a client cannot spoof it");
  const proxied = await app.request(
    "/who?fwd=1",
    { headers },
    from("10.1.1.1"),
  );
  assertEquals(await proxied.text(), "198.51.100.7", "the proxy's own hop");
  const none = await app.request("/who?fwd=1", {}, from("10.1.1.1"));
  assertEquals(await none.text(), "10.1.1.1");
  assert((await (await app.request("/who")).text()) === "unknown");
});
