/**
 * The server's settings from its environment, read and checked in one place:
 * a wrong value stops the server at start with a message, not at the first
 * request.
 *
 * @module
 */

import { PREDICTIONS_PER_MINUTE, WORK_BUDGET_MB } from "../limits.ts";
import { batchingFromEnv, type BatchingOptions } from "../runtime/batcher.ts";
import { type AddressMatcher, addressMatcher } from "./admission.ts";

/** What `deno task start` reads from the environment. */
export interface Settings {
  /** `PORT`: where to listen (default 8000). */
  port: number;
  /** `LOG`: one line per request (`LOG=0` turns it off). */
  log: boolean;
  /** `LOG_FORMAT`: `text` (the default) or `json`, one object per request. */
  logFormat: "text" | "json";
  /** `METRICS_TOKEN`: when set, `/metrics` needs it as a bearer token. */
  metricsToken?: string;
  /** `BATCH_MAX_SIZE`, `BATCH_WINDOW_MS`: dynamic batching. */
  batching: BatchingOptions;
  /** `WORK_BUDGET_MB`: memory for work in flight before new work gets 503 (`WORK_BUDGET_MB` of lib/limits.ts by default). */
  workBudget: number;
  /** `RATE_LIMIT_PER_MINUTE`: prediction requests per client per minute (`PREDICTIONS_PER_MINUTE` of lib/limits.ts by default; 0 turns it off). */
  rateLimitPerMinute: number;
  /**
   * `INFER_THREAD`: where the networks compute — `worker` (the default: a
   * thread of their own, lib/runtime/_infer_worker.ts) or `main` (the event
   * loop's thread, as the page does).
   */
  inferThread: "worker" | "main";
  /** Whether the server runs on Deno Deploy (`DENO_DEPLOYMENT_ID` is set there). */
  onDeploy: boolean;
  /**
   * `TRUSTED_PROXIES`: the proxies (addresses or networks, comma-separated)
   * whose `X-Forwarded-For` says who the client is; undefined when none is
   * set, and then the header is never read. Deno Deploy needs none: its
   * runtime gives the client's address as the connection's.
   */
  trustedProxies?: AddressMatcher;
}

function number(
  env: (name: string) => string | undefined,
  name: string,
  fallback: number,
  valid: (value: number) => boolean,
): number {
  const text = env(name)?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!valid(value)) {
    throw new RangeError(
      `Cannot read ${name}: ${JSON.stringify(text)} is not a valid value`,
    );
  }
  return value;
}

function logFormat(text: string | undefined): Settings["logFormat"] {
  if (text === undefined || text === "" || text === "text") return "text";
  if (text === "json") return "json";
  throw new RangeError(
    `Cannot read LOG_FORMAT: ${
      JSON.stringify(text.slice(0, 40))
    } is not text or json`,
  );
}

function thread(text: string | undefined): Settings["inferThread"] {
  const value = text?.trim() || "worker";
  if (value !== "worker" && value !== "main") {
    throw new RangeError(
      `Cannot read INFER_THREAD: ${
        JSON.stringify(value)
      } is not a valid value (worker or main)`,
    );
  }
  return value;
}

function proxies(text: string | undefined): AddressMatcher | undefined {
  const entries = (text ?? "").split(",").map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  try {
    return addressMatcher(entries);
  } catch (error) {
    throw new RangeError(
      `Cannot read TRUSTED_PROXIES: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads the settings.
 *
 * @param env Looks up a variable, e.g. `(name) => Deno.env.get(name)`.
 * @throws {RangeError} When a variable is set to something unusable.
 */
export function settingsFromEnv(
  env: (name: string) => string | undefined,
): Settings {
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  return {
    port: number(env, "PORT", 8000, (v) => whole(v) && v < 65536),
    log: env("LOG") !== "0",
    logFormat: logFormat(env("LOG_FORMAT")),
    metricsToken: env("METRICS_TOKEN") || undefined,
    batching: batchingFromEnv(env),
    workBudget: number(env, "WORK_BUDGET_MB", WORK_BUDGET_MB, (v) => v > 0) *
      1024 * 1024,
    rateLimitPerMinute: number(
      env,
      "RATE_LIMIT_PER_MINUTE",
      PREDICTIONS_PER_MINUTE,
      whole,
    ),
    inferThread: thread(env("INFER_THREAD")),
    onDeploy: Boolean(env("DENO_DEPLOYMENT_ID")),
    trustedProxies: proxies(env("TRUSTED_PROXIES")),
  };
}
