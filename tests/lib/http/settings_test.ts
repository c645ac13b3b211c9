/**
 * Tests of `lib/http/settings.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { settingsFromEnv } from "../../../lib/http/settings.ts";

const from = (vars: Record<string, string>) =>
  settingsFromEnv((name) => vars[name]);

Deno.test("settingsFromEnv() has the documented defaults", () => {
  const { trustedProxies, ...settings } = from({});
  assertEquals(trustedProxies, undefined, "X-Forwarded-For is never read");
  assertEquals(settings, {
    port: 8000,
    log: true,
    logFormat: "text",
    metricsToken: undefined,
    batching: {},
    workBudget: 80 * 1024 * 1024,
    rateLimitPerMinute: 600,
    inferThread: "worker",
    onDeploy: false,
  });
});

Deno.test("settingsFromEnv() reads each variable", () => {
  const settings = from({
    PORT: "9000",
    LOG: "0",
    LOG_FORMAT: "json",
    METRICS_TOKEN: "s3cret",
    BATCH_MAX_SIZE: "32",
    WORK_BUDGET_MB: "48",
    RATE_LIMIT_PER_MINUTE: "0",
    INFER_THREAD: "main",
    DENO_DEPLOYMENT_ID: "abc",
    TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ",
  });
  const { trustedProxies, ...rest } = settings;
  assertEquals(
    ["10.2.3.4", "::1", "11.0.0.1", "203.0.113.9"].map((a) =>
      trustedProxies?.(a)
    ),
    [true, true, false, false],
  );
  assertEquals(rest, {
    port: 9000,
    log: false,
    logFormat: "json",
    metricsToken: "s3cret",
    batching: { maxBatchSize: 32 },
    workBudget: 48 * 1024 * 1024,
    rateLimitPerMinute: 0,
    inferThread: "main",
    onDeploy: true,
  });
});

Deno.test("settingsFromEnv() stops at a value it cannot use, naming it", () => {
  for (
    const [name, value] of [
      ["PORT", "70000"],
      ["WORK_BUDGET_MB", "0"],
      ["RATE_LIMIT_PER_MINUTE", "-1"],
      ["INFER_THREAD", "gpu"],
      ["LOG_FORMAT", "xml"],
      ["TRUSTED_PROXIES", "10.0.0.1, proxy.example"],
    ]
  ) {
    assertThrows(() => from({ [name]: value }), RangeError, name);
  }
});
