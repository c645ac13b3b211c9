/**
 * The soak's bookkeeping: workers that send jobs and count the answers, and
 * the report printed at the end (with whether the run passed).
 *
 * @module
 */

import type { Job } from "./soak_jobs.ts";

/** A request with no answer after this long counts as failed. */
const REQUEST_TIMEOUT_MS = 30_000;

/** What the workers counted. */
export interface Tally {
  total: number;
  byStatus: Map<number, number>;
  byKind: Map<string, Map<number, number>>;
  failed: Map<string, number>;
  serverErrors: string[];
  /** 503s with Retry-After: work refused at the memory budget. */
  shed: number;
  /** 5xx answers without Retry-After. */
  unexplained: number;
  durations: number[];
}

/** An empty tally. */
export function newTally(): Tally {
  return {
    total: 0,
    byStatus: new Map(),
    byKind: new Map(),
    failed: new Map(),
    serverErrors: [],
    shed: 0,
    unexplained: 0,
    durations: [],
  };
}

function count<K>(map: Map<K, number>, key: K) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts one answer: its status, its kind's, and a 5xx as shed or a bug. */
function countAnswer(tally: Tally, job: Job, response: Response, body: string) {
  tally.total++;
  count(tally.byStatus, response.status);
  const kinds = tally.byKind.get(job.kind) ?? new Map();
  tally.byKind.set(job.kind, kinds);
  count(kinds, response.status);
  // a 503 with Retry-After is load shedding, as designed; any other 5xx is a bug
  const shed = response.status === 503 &&
    response.headers.get("retry-after") !== null;
  if (shed) tally.shed++;
  else if (response.status >= 500) tally.unexplained++;
  if (response.status >= 500 && !shed && tally.serverErrors.length < 10) {
    tally.serverErrors.push(
      `${job.kind}: ${
        job.init?.method ?? "GET"
      } ${job.path} → ${response.status} ${body.slice(0, 200)}`,
    );
  }
}

/** Options of {@linkcode worker}. */
export interface WorkerOptions {
  base: string;
  next: () => Job;
  /** `Date.now()` at which to stop. */
  until: number;
  /** Whether the server still runs (the worker stops when it does not). */
  running: () => boolean;
}

/** Sends jobs one after another until `until`, counting each answer. */
export async function worker(options: WorkerOptions, tally: Tally) {
  const { base, next, until, running } = options;
  while (Date.now() < until && running()) {
    const job = next();
    const start = performance.now();
    try {
      const response = await fetch(`${base}${job.path}`, {
        ...job.init,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await response.text();
      tally.durations.push(performance.now() - start);
      countAnswer(tally, job, response, body);
    } catch (error) {
      tally.total++;
      const name = error instanceof Error ? error.name : "Error";
      count(
        tally.failed,
        `${job.kind}: ${name}: ${String(error).slice(0, 120)}`,
      );
    }
  }
}

/** The value at quantile `q` of sorted numbers, to 0.1. */
export function percentile(sorted: number[], q: number): string {
  if (sorted.length === 0) return "-";
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    .toFixed(1);
}

/** What a soak measured besides the tally. */
export interface Measures {
  elapsed: number;
  heap: string;
  health: number[];
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  timeline: number[];
  died: boolean;
  serverLog: () => string;
  maxHealthMs: number;
  maxRssMb: number;
}

const statuses = (map: Map<number, number>) =>
  [...map].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`)
    .join("  ");

/** Prints the soak's report; gives whether it passed. */
export function report(tally: Tally, m: Measures): boolean {
  const failedCount = [...tally.failed.values()].reduce((a, b) => a + b, 0);
  const sorted = tally.durations.sort((a, b) => a - b);
  const health = m.health.sort((a, b) => a - b);
  const worstHealth = health.at(-1) ?? NaN;
  console.log(`V8 heap       ${m.heap}`);
  console.log(`requests      ${tally.total} in ${m.elapsed.toFixed(1)} s`);
  console.log(`requests/s    ${(tally.total / m.elapsed).toFixed(1)}`);
  console.log(
    `latency ms    p50 ${percentile(sorted, 0.5)}  p90 ${
      percentile(sorted, 0.9)
    }  p99 ${percentile(sorted, 0.99)}  max ${percentile(sorted, 1)}`,
  );
  console.log(`by status     ${statuses(tally.byStatus)}`);
  console.log(
    `5xx           ${tally.unexplained} without Retry-After; ${tally.shed} shed (503 + Retry-After)`,
  );
  console.log(`failed        ${failedCount} (connection errors and timeouts)`);
  console.log(
    `memory (RSS)  before ${m.rssBefore.toFixed(0)} MB, peak ${
      m.rssPeak.toFixed(0)
    } MB, after ${m.rssAfter.toFixed(0)} MB`,
  );
  console.log(`RSS every 10 s ${m.timeline.join(" ")} MB`);
  console.log("by kind:");
  for (const [kind, counts] of [...tally.byKind].sort()) {
    console.log(`  ${kind.padEnd(18)} ${statuses(counts)}`);
  }
  for (const line of tally.serverErrors) console.log(`5xx: ${line}`);
  for (const [line, n] of tally.failed) console.log(`failed ×${n}: ${line}`);
  if (m.died) console.log("The server died");
  if (tally.unexplained || m.died) {
    console.log(`server output (tail):\n${m.serverLog().slice(-8192)}`);
  }
  console.log(
    `/api/health   ${health.length} probes: p50 ${
      percentile(health, 0.5)
    }  p99 ${percentile(health, 0.99)}  worst ${
      worstHealth.toFixed(1)
    } ms (limit ${m.maxHealthMs})`,
  );
  console.log(`peak RSS      ${m.rssPeak.toFixed(0)} MB (limit ${m.maxRssMb})`);
  const ok = tally.unexplained === 0 && failedCount === 0 && !m.died &&
    worstHealth <= m.maxHealthMs && m.rssPeak <= m.maxRssMb;
  console.log(ok ? "PASS" : "FAIL");
  return ok;
}
