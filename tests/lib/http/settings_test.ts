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
  assertEquals(from({}), {
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
  });
  assertEquals(settings, {
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
    ]
  ) {
    assertThrows(() => from({ [name]: value }), RangeError, name);
  }
});
