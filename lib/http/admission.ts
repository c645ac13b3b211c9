/**
 * Admission at the HTTP edge, the data structures a request is measured by:
 *
 * - a rate limit per client, in memory ({@linkcode RateLimiter}, keyed by
 *   {@linkcode clientKey}): `limit` requests per window, with bursts up to
 *   `limit`, refilled evenly (the generic cell rate algorithm, a token bucket
 *   that keeps one number per client). Memory is bounded: past `maxKeys`
 *   clients, those whose quota is full again are forgotten first.
 * - a byte budget for the work in flight ({@linkcode createBudget}): every
 *   request takes a share as its body arrives (and as its image decodes), and
 *   gives it back when it ends. When the budget is spent, new work is refused
 *   at once rather than queued, so the server's memory stays bounded whatever
 *   mix of requests arrives.
 *
 * routes/middleware/admission.ts applies both to requests.
 *
 * @module
 */

/** Options of {@linkcode RateLimiter}. */
export interface RateLimiterOptions {
  /** Requests allowed per window, and the largest burst; 0 turns limiting off. */
  limit: number;
  /** The window in milliseconds: 60,000 (a minute) by default. */
  windowMs?: number;
  /** The most clients remembered at once: 10,000 by default. */
  maxKeys?: number;
  /** The clock in milliseconds (`Date.now` by default; tests pass their own). */
  now?: () => number;
}

/** What the limiter decided for one request, with what the headers tell. */
export interface RateDecision {
  /** Whether the request may go on. */
  allowed: boolean;
  /** The quota of a window (the `limit` option). */
  limit: number;
  /** The window in whole seconds. */
  windowSeconds: number;
  /** Requests still allowed at once after this one. */
  remaining: number;
  /** Seconds (rounded up) until one more request is allowed; 0 when the quota is full. */
  resetSeconds: number;
  /** For a refused request: seconds (at least 1) to wait before trying again; else 0. */
  retryAfterSeconds: number;
}

/**
 * Counts requests per key (a client's address) and says which go over the
 * limit. A client that waits `windowMs` has its whole quota back; one that
 * sends a request every `windowMs / limit` is never refused.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { RateLimiter } from "./admission.ts";
 * const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 });
 * assertEquals(limiter.take("10.0.0.1").allowed, true);
 * assertEquals(limiter.take("10.0.0.1").allowed, true);
 * assertEquals(limiter.take("10.0.0.1").allowed, false); // back in 30 s
 * assertEquals(limiter.take("10.0.0.2").allowed, true); // another client
 * ```
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys: number;
  #now: () => number;
  /** Per key, the time at which its quota is full again ("theoretical arrival time"); oldest use first. */
  #full = new Map<string, number>();

  /** @throws {RangeError} When the limit, window or key bound is not a non-negative whole number (window and key bound at least 1). */
  constructor(options: RateLimiterOptions) {
    const { limit, windowMs = 60_000, maxKeys = 10_000 } = options;
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(
        `Cannot limit requests: the limit is a whole number ≥ 0, got ${limit}`,
      );
    }
    if (!Number.isInteger(windowMs) || windowMs < 1000) {
      throw new RangeError(
        `Cannot limit requests: the window is whole milliseconds ≥ 1000, got ${windowMs}`,
      );
    }
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError(
        `Cannot limit requests: maxKeys is a whole number ≥ 1, got ${maxKeys}`,
      );
    }
    this.limit = limit;
    this.windowMs = windowMs;
    this.maxKeys = maxKeys;
    this.#now = options.now ?? Date.now;
  }

  /** Whether limiting is off (`limit` 0). */
  get off(): boolean {
    return this.limit === 0;
  }

  /** How many clients are remembered now. */
  get size(): number {
    return this.#full.size;
  }

  /**
   * Counts one request of `key` and decides whether it may go on. A refused
   * request uses no quota. With the limit off, every request is allowed.
   */
  take(key: string): RateDecision {
    const { limit, windowMs } = this;
    const windowSeconds = Math.ceil(windowMs / 1000);
    if (this.off) {
      return {
        allowed: true,
        limit,
        windowSeconds,
        remaining: 0,
        resetSeconds: 0,
        retryAfterSeconds: 0,
      };
    }
    const now = this.#now();
    const interval = windowMs / limit;
    const full = Math.max(this.#full.get(key) ?? now, now);
    const next = full + interval;
    const used = next - now;
    if (used > windowMs + 1e-6) {
      const wait = Math.max(1, Math.ceil((used - windowMs) / 1000));
      return {
        allowed: false,
        limit,
        windowSeconds,
        remaining: 0,
        resetSeconds: wait,
        retryAfterSeconds: wait,
      };
    }
    this.#remember(key, next, now);
    const remaining = Math.floor((windowMs - used) / interval + 1e-9);
    const untilMore = (remaining + 1) * interval - (windowMs - used);
    return {
      allowed: true,
      limit,
      windowSeconds,
      remaining,
      resetSeconds: Math.max(0, Math.ceil(untilMore / 1000 - 1e-9)),
      retryAfterSeconds: 0,
    };
  }

  /** Stores a key's time, most recent last, forgetting old keys past `maxKeys`. */
  #remember(key: string, full: number, now: number) {
    this.#full.delete(key);
    if (this.#full.size >= this.maxKeys) {
      // least recently seen first: drop those whose quota is full again, and
      // if none is, the least recently seen (it gets its quota back early)
      for (const [old, time] of this.#full) {
        if (this.#full.size < this.maxKeys && time > now) break;
        this.#full.delete(old);
      }
    }
    this.#full.set(key, full);
  }
}

/**
 * The key a client is limited by: an IPv4 address as it is, an IPv6 address
 * by its /64 network (one subscriber usually holds a whole /64, so counting
 * each address apart would let one client rotate through billions of keys).
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { clientKey } from "./admission.ts";
 * assertEquals(clientKey("203.0.113.9"), "203.0.113.9");
 * assertEquals(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
 * assertEquals(clientKey("::ffff:203.0.113.9"), "203.0.113.9");
 * ```
 */
export function clientKey(address: string): string {
  const text = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!text.includes(":")) return text;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) return mapped[1];
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined
    ? left
    : [...left, ...Array(Math.max(0, missing)).fill("0"), ...right];
  const network = groups.slice(0, 4).map((group) =>
    (parseInt(group, 16) || 0).toString(16)
  );
  while (network.length < 4) network.push("0");
  return `${network.join(":")}::/64`;
}

/** A pool of bytes that work takes from and gives back. */
export interface Budget {
  /** The whole budget, in bytes. */
  readonly limit: number;
  /** Bytes taken now. */
  readonly used: number;
  /** Takes `bytes` if they fit; says whether they did. */
  take(bytes: number): boolean;
  /** Gives back bytes taken earlier. */
  give(bytes: number): void;
}

/**
 * Creates a budget of `limit` bytes.
 *
 * @throws {RangeError} When `limit` is not a positive number.
 */
export function createBudget(limit: number): Budget {
  if (!(limit > 0)) {
    throw new RangeError(
      `Cannot create a budget: limit must be a positive number of bytes, got ${limit}`,
    );
  }
  let used = 0;
  return {
    limit,
    get used() {
      return used;
    },
    take(bytes) {
      if (used + bytes > limit) return false;
      used += bytes;
      return true;
    },
    give(bytes) {
      used = Math.max(0, used - bytes);
    },
  };
}

/** An address's 16 bytes (IPv4 as IPv4-mapped IPv6), or undefined if it is none. */
function addressBytes(address: string): Uint8Array | undefined {
  const text = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const bytes = new Uint8Array(16);
  const v4 = /^(?:.*:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 && (!text.includes(":") || /^(?:0{0,4}:){0,5}:?ffff:/i.test(text))) {
    const octets = v4.slice(1).map(Number);
    if (octets.some((octet) => octet > 255)) return undefined;
    bytes.set([0xff, 0xff, ...octets], 10);
    return bytes;
  }
  if (!/^[0-9a-f:]+$/i.test(text) || text.split("::").length > 2) {
    return undefined;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array(Math.max(0, missing)).fill("0"), ...right];
  for (const [i, group] of groups.entries()) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    const value = parseInt(group, 16);
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  }
  return bytes;
}

/** Whether an address is one of a list's: an address, or a network in CIDR form. */
export type AddressMatcher = (address: string) => boolean;

/**
 * A matcher of the proxies whose `X-Forwarded-For` is trusted (the
 * `TRUSTED_PROXIES` setting): addresses (`10.0.0.7`, `::1`) or networks
 * (`10.0.0.0/8`, `fd00::/8`), IPv4 and IPv6 alike.
 *
 * @throws {RangeError} For an entry that is not an address or a network.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { addressMatcher } from "./admission.ts";
 * const proxy = addressMatcher(["10.0.0.0/8", "::1"]);
 * assertEquals(proxy("10.2.3.4"), true);
 * assertEquals(proxy("[::1]"), true);
 * assertEquals(proxy("203.0.113.9"), false);
 * ```
 */
export function addressMatcher(entries: readonly string[]): AddressMatcher {
  const networks = entries.map((entry) => {
    const [address, prefix, extra] = entry.trim().split("/");
    const bytes = addressBytes(address);
    const v4 = bytes !== undefined && !address.includes(":");
    const bits = prefix === undefined ? 128 : Number(prefix) + (v4 ? 96 : 0);
    if (
      !bytes || extra !== undefined || !Number.isInteger(bits) ||
      bits < (v4 ? 96 : 0) || bits > 128 || prefix === ""
    ) {
      throw new RangeError(
        `Cannot trust proxy ${
          JSON.stringify(entry)
        }: an IPv4 or IPv6 address, or a network such as 10.0.0.0/8, expected`,
      );
    }
    return { bytes, bits };
  });
  return (address) => {
    const bytes = addressBytes(address);
    if (!bytes) return false;
    return networks.some((network) => {
      for (let bit = 0; bit < network.bits; bit += 8) {
        const mask = 0xff << (8 - Math.min(8, network.bits - bit)) & 0xff;
        if ((bytes[bit / 8] & mask) !== (network.bytes[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    });
  };
}
