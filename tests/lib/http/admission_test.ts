import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  addressMatcher,
  clientKey,
  RateLimiter,
} from "../../../lib/http/admission.ts";

/** A limiter on a clock the test moves. */
function limiter(limit: number, windowMs = 60_000, maxKeys?: number) {
  const clock = { now: 1_000_000 };
  return {
    clock,
    limiter: new RateLimiter({
      limit,
      windowMs,
      maxKeys,
      now: () => clock.now,
    }),
  };
}

Deno.test("RateLimiter allows a burst of `limit`, then refuses with the wait until one more", () => {
  const { limiter: l } = limiter(3);
  const decisions = Array.from({ length: 4 }, () => l.take("a"));
  assertEquals(decisions.map((d) => d.allowed), [true, true, true, false]);
  assertEquals(decisions.map((d) => d.remaining), [2, 1, 0, 0]);
  assertEquals(decisions[3].retryAfterSeconds, 20);
  assertEquals(decisions[0].limit, 3);
  assertEquals(decisions[0].windowSeconds, 60);
  assertEquals(decisions[2].resetSeconds, 20, "one more in 60/3 s");
});

Deno.test("RateLimiter gives one request back every window/limit, and the whole quota after a window", () => {
  const { clock, limiter: l } = limiter(3);
  for (let i = 0; i < 3; i++) l.take("a");
  clock.now += 19_999;
  assertEquals(l.take("a").allowed, false);
  clock.now += 1;
  assertEquals(l.take("a").allowed, true);
  assertEquals(l.take("a").allowed, false);
  clock.now += 60_000;
  assertEquals(l.take("a").remaining, 2);
});

Deno.test("RateLimiter: a refused request uses no quota, and clients are counted apart", () => {
  const { clock, limiter: l } = limiter(1);
  assert(l.take("a").allowed);
  for (let i = 0; i < 10; i++) assertEquals(l.take("a").allowed, false);
  assert(l.take("b").allowed);
  clock.now += 60_000;
  assert(l.take("a").allowed, "refusals pushed the quota back");
});

Deno.test("RateLimiter never refuses a client that keeps to the rate", () => {
  const { clock, limiter: l } = limiter(600);
  for (let i = 0; i < 5000; i++) {
    assert(l.take("steady").allowed, `request ${i}`);
    clock.now += 100;
  }
});

Deno.test("RateLimiter with limit 0 is off: everything passes", () => {
  const { limiter: l } = limiter(0);
  assert(l.off);
  for (let i = 0; i < 1000; i++) assert(l.take("a").allowed);
  assertEquals(l.size, 0);
});

Deno.test("RateLimiter remembers at most maxKeys clients, forgetting the least recently seen", () => {
  const { clock, limiter: l } = limiter(2, 60_000, 100);
  for (let i = 0; i < 1000; i++) {
    l.take(`client-${i}`);
    clock.now += 10;
    assert(l.size <= 100);
  }
  assertEquals(l.size, 100);
  l.take("x");
  l.take("x");
  assertEquals(l.take("x").allowed, false, "a recent client is remembered");
});

Deno.test("RateLimiter forgets clients whose quota is full again before others", () => {
  const { clock, limiter: l } = limiter(2, 60_000, 3);
  l.take("old");
  clock.now += 60_000; // old's quota is full again
  l.take("busy");
  l.take("busy");
  l.take("b");
  l.take("c"); // full: "old" goes, not "busy"
  assertEquals(l.take("busy").allowed, false);
  assertEquals(l.size, 3);
});

const errorCases: [number, number, number, string][] = [
  [-1, 60_000, 10, "limit"],
  [1.5, 60_000, 10, "limit"],
  [10, 10, 10, "window"],
  [10, 60_000, 0, "maxKeys"],
];

for (const [limit, windowMs, maxKeys, message] of errorCases) {
  Deno.test(`RateLimiter refuses limit ${limit}, window ${windowMs}, maxKeys ${maxKeys}`, () => {
    assertThrows(
      () => new RateLimiter({ limit, windowMs, maxKeys }),
      RangeError,
      message,
    );
  });
}

const keyCases: [string, string][] = [
  ["203.0.113.9", "203.0.113.9"],
  ["2001:db8:1:2:aaaa:bbbb:cccc:1", "2001:db8:1:2::/64"],
  ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
  ["2001:DB8:0001:0002:ffff::", "2001:db8:1:2::/64"],
  ["2001:db8::1", "2001:db8:0:0::/64"],
  ["[2001:db8:1:2::5]", "2001:db8:1:2::/64"],
  ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ["::1", "0:0:0:0::/64"],
  ["::ffff:203.0.113.9", "203.0.113.9"],
  ["unknown", "unknown"],
];

for (const [address, key] of keyCases) {
  Deno.test(`clientKey(${JSON.stringify(address)}) is ${JSON.stringify(key)}`, () => {
    assertEquals(clientKey(address), key);
  });
}

Deno.test("addressMatcher() matches addresses and networks, IPv4 and IPv6, written any way", () => {
  const trusted = addressMatcher([
    "10.0.0.0/8",
    "192.0.2.7",
    "2001:db8:aa::/48",
    "::1",
    "172.16.0.0/12",
  ]);
  const cases: [string, boolean][] = [
    ["10.0.0.1", true],
    ["10.255.255.255", true],
    ["11.0.0.0", false],
    ["192.0.2.7", true],
    ["192.0.2.8", false],
    ["::ffff:192.0.2.7", true],
    ["172.31.0.1", true],
    ["172.32.0.1", false],
    ["2001:db8:aa:ffff::1", true],
    ["2001:DB8:AA::", true],
    ["[2001:db8:ab::1]", false],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::2", false],
    ["unknown", false],
    ["", false],
    ["1.2.3.4.5", false],
    ["10.0.0.256", false],
  ];
  assertEquals(
    cases.map(([address]) => [address, trusted(address)]),
    cases,
  );
  assertEquals(addressMatcher(["0.0.0.0/0"])("203.0.113.9"), true);
  assertEquals(addressMatcher(["0.0.0.0/0"])("2001:db8::1"), false);
});

Deno.test("addressMatcher() refuses what is no address or network, naming it", () => {
  for (
    const entry of [
      "proxy.example",
      "10.0.0.0/33",
      "10.0.0.0/",
      "::/129",
      "1::2::3",
      "1.2.3",
      "10.0.0.0/8/8",
    ]
  ) {
    assertThrows(
      () => addressMatcher([entry]),
      RangeError,
      JSON.stringify(entry),
    );
  }
});
