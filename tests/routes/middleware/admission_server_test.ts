/**
 * Tests of `routes/middleware/admission.ts` in the real server (main.ts in a
 * process of its own), as Deno Deploy runs it: `DENO_DEPLOYMENT_ID` set and
 * `DENO_TRUST_PROXY_HEADERS=1`, so that the runtime takes the client's
 * address from `x-deno-client-address` (`ip:port`) as the connection's.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { startServer } from "../../../scripts/bench/server_process.ts";

Deno.test("the server on Deploy keys its rate limit on the client's address: X-Forwarded-For changes nothing, two addresses have two quotas", async () => {
  const server = await startServer({
    env: {
      DENO_DEPLOYMENT_ID: "test",
      DENO_TRUST_PROXY_HEADERS: "1",
      RATE_LIMIT_PER_MINUTE: "2",
    },
  });
  try {
    const predict = async (address: string, forwarded: string) => {
      const response = await fetch(`${server.url}/api/predict`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-deno-client-address": address,
          "x-forwarded-for": forwarded,
        },
        body: JSON.stringify({ pixels: new Array(784).fill(0) }),
      });
      await response.body?.cancel();
      return response.status;
    };
    const first = [];
    for (const forwarded of ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"]) {
      first.push(await predict("203.0.113.7:40000", forwarded));
    }
    assertEquals(
      first,
      [200, 200, 429, 429],
      "one client, whatever it forwards",
    );
    // another port of the same address is the same client
    assertEquals(await predict("203.0.113.7:40001", "5.5.5.5"), 429);
    assertEquals(await predict("203.0.113.8:40000", "1.1.1.1"), 200);
    assertEquals(await predict("[2001:db8::1]:443", "1.1.1.1"), 200);
    assertEquals(await predict("[2001:db8::2]:443", "1.1.1.1"), 200);
    assertEquals(
      await predict("[2001:db8::3]:443", "1.1.1.1"),
      429,
      "an IPv6 client counts by its /64",
    );
  } finally {
    await server.stop();
  }
});
