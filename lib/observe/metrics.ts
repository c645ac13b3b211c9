/**
 * The server's metrics in Prometheus's text format (version 0.0.4): each
 * model's inference counters under Triton's names and labels
 * (`nv_inference_request_success{model="mlp",version="1"}` …), so a Triton
 * dashboard reads them unchanged, and the server's own under `mnist_`:
 * requests by route and status class, refusals by reason, the batch sizes
 * run, images decoded by format, readers' drawings stored, the event loop's
 * delay, the process's memory.
 *
 * Like the models' statistics (lib/runtime/stats.ts), the counters are plain
 * data that the code on a request's path adds to where it stands; the text is
 * made only when `/metrics` is read.
 *
 * @module
 */

import type { ModelStats } from "../runtime/mod.ts";

/** Why a request was refused, for `mnist_refusals_total{reason}`. */
export type Refusal =
  | "rate_limit"
  | "budget"
  | "queue"
  | "time"
  | "body_too_large"
  | "bad_input";

/** The counters of the HTTP edge. */
export interface HttpMetrics {
  /** Answers by method, route and status class: `"POST\t/api/predict\t2xx"` → count. */
  requests: Map<string, number>;
  /** Refused API requests by reason. */
  refusals: Record<Refusal, number>;
  /** Pictures decoded (uploads read), by format. */
  decoded: { png: number; jpeg: number };
  /** Readers' drawings stored. */
  drawingsStored: number;
  /** The event loop's delay: counts per bucket of {@linkcode DELAY_BUCKETS_MS} (and over), sum in ms. */
  loopDelay: { buckets: number[]; sum: number; count: number };
}

/** Upper bounds of the event loop delay histogram, in milliseconds. */
export const DELAY_BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000];

/** Upper bounds of the batch size histogram, in images. */
export const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128];

/** Counters at zero. */
export function createHttpMetrics(): HttpMetrics {
  return {
    requests: new Map(),
    refusals: {
      rate_limit: 0,
      budget: 0,
      queue: 0,
      time: 0,
      body_too_large: 0,
      bad_input: 0,
    },
    decoded: { png: 0, jpeg: 0 },
    drawingsStored: 0,
    loopDelay: {
      buckets: new Array(DELAY_BUCKETS_MS.length + 1).fill(0),
      sum: 0,
      count: 0,
    },
  };
}

/**
 * Samples the event loop's delay every `everyMs`: how late a timer fires is
 * how long the loop was held. The timer does not keep the process alive.
 *
 * @returns Stops the sampling.
 */
export function watchLoopDelay(
  metrics: HttpMetrics,
  everyMs = 500,
): () => void {
  let expected = performance.now() + everyMs;
  const timer = setInterval(() => {
    const now = performance.now();
    const delay = Math.max(0, now - expected);
    expected = now + everyMs;
    const { loopDelay } = metrics;
    const bucket = DELAY_BUCKETS_MS.findIndex((bound) => delay <= bound);
    loopDelay.buckets[bucket === -1 ? DELAY_BUCKETS_MS.length : bucket]++;
    loopDelay.sum += Math.round(delay * 1000) / 1000;
    loopDelay.count++;
  }, everyMs);
  Deno.unrefTimer(timer);
  return () => clearInterval(timer);
}

/** A label value escaped as the text format asks (backslash, quote, newline). */
function escape(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => c === "\n" ? "\\n" : `\\${c}`);
}

function labels(pairs: Record<string, string>): string {
  const text = Object.entries(pairs)
    .map(([name, value]) => `${name}="${escape(value)}"`).join(",");
  return text ? `{${text}}` : "";
}

/** Writes metric families: HELP, TYPE, then each sample. */
class Text {
  lines: string[] = [];
  family(name: string, type: string, help: string): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    return this;
  }
  sample(name: string, pairs: Record<string, string>, value: number): this {
    this.lines.push(`${name}${labels(pairs)} ${value}`);
    return this;
  }
  /** A histogram's buckets (cumulative, `+Inf` last), sum and count. */
  histogram(
    name: string,
    pairs: Record<string, string>,
    bounds: number[],
    counts: number[],
    sum: number,
  ): this {
    let cumulative = 0;
    bounds.forEach((bound, i) => {
      cumulative += counts[i];
      this.sample(
        `${name}_bucket`,
        { ...pairs, le: String(bound) },
        cumulative,
      );
    });
    cumulative += counts[bounds.length];
    this.sample(`${name}_bucket`, { ...pairs, le: "+Inf" }, cumulative);
    this.sample(`${name}_sum`, pairs, sum);
    return this.sample(`${name}_count`, pairs, cumulative);
  }
}

/** Whole microseconds of nanoseconds, as Triton reports them. */
const us = (ns: number) => Math.round(ns / 1000);

/** Triton's per-model families: name, help, and the value of a model's statistics. */
const TRITON: [string, string, (s: ModelStats) => number][] = [
  [
    "nv_inference_request_success",
    "Number of successful inference requests, all batch sizes",
    (s) => s.inference_stats.success.count,
  ],
  [
    "nv_inference_request_failure",
    "Number of failed inference requests, all batch sizes",
    (s) => s.inference_stats.fail.count,
  ],
  [
    "nv_inference_count",
    "Number of inferences performed",
    (s) => s.inference_count,
  ],
  [
    "nv_inference_exec_count",
    "Number of model executions performed",
    (s) => s.execution_count,
  ],
  [
    "nv_inference_request_duration_us",
    "Cumulative inference request duration in microseconds",
    (s) => us(s.inference_stats.success.ns + s.inference_stats.fail.ns),
  ],
  [
    "nv_inference_queue_duration_us",
    "Cumulative inference queuing duration in microseconds",
    (s) => us(s.inference_stats.queue.ns),
  ],
  [
    "nv_inference_compute_input_duration_us",
    "Cumulative compute input duration in microseconds",
    (s) => us(s.inference_stats.compute_input.ns),
  ],
  [
    "nv_inference_compute_infer_duration_us",
    "Cumulative compute inference duration in microseconds",
    (s) => us(s.inference_stats.compute_infer.ns),
  ],
  [
    "nv_inference_compute_output_duration_us",
    "Cumulative inference compute output duration in microseconds",
    (s) => us(s.inference_stats.compute_output.ns),
  ],
];

/** The batch sizes a model ran, as histogram counts over {@linkcode BATCH_BUCKETS}. */
function batchCounts(stats: ModelStats): { counts: number[]; sum: number } {
  const counts = new Array(BATCH_BUCKETS.length + 1).fill(0);
  let sum = 0;
  for (
    const { batch_size: size, compute_infer: runs } of stats.batches.values()
  ) {
    const bucket = BATCH_BUCKETS.findIndex((bound) => size <= bound);
    counts[bucket === -1 ? BATCH_BUCKETS.length : bucket] += runs.count;
    sum += size * runs.count;
  }
  return { counts, sum };
}

/** Every metric as the text `/metrics` answers (`text/plain; version=0.0.4`). */
export function renderMetrics(
  http: HttpMetrics,
  models: readonly ModelStats[],
): string {
  const text = new Text();
  for (const [name, help, value] of TRITON) {
    text.family(name, "counter", help);
    for (const s of models) {
      text.sample(name, { model: s.name, version: s.version }, value(s));
    }
  }
  text.family("mnist_batch_size", "histogram", "Images per session run");
  for (const s of models) {
    const { counts, sum } = batchCounts(s);
    text.histogram(
      "mnist_batch_size",
      { model: s.name },
      BATCH_BUCKETS,
      counts,
      sum,
    );
  }
  text.family(
    "mnist_requests_total",
    "counter",
    "Answers by method, route and status class",
  );
  for (const [key, count] of http.requests) {
    const [method, route, status] = key.split("\t");
    text.sample("mnist_requests_total", { method, route, status }, count);
  }
  text.family(
    "mnist_refusals_total",
    "counter",
    "API requests refused, by reason",
  );
  for (const [reason, count] of Object.entries(http.refusals)) {
    text.sample("mnist_refusals_total", { reason }, count);
  }
  text.family(
    "mnist_images_decoded_total",
    "counter",
    "Uploaded pictures read, by format",
  );
  for (const [format, count] of Object.entries(http.decoded)) {
    text.sample("mnist_images_decoded_total", { format }, count);
  }
  text.family(
    "mnist_drawings_stored_total",
    "counter",
    "Readers' drawings stored",
  )
    .sample("mnist_drawings_stored_total", {}, http.drawingsStored);
  const { loopDelay } = http;
  text.family(
    "mnist_event_loop_delay_ms",
    "histogram",
    "How late the event loop ran a timer, sampled every 500 ms",
  )
    .histogram(
      "mnist_event_loop_delay_ms",
      {},
      DELAY_BUCKETS_MS,
      loopDelay.buckets,
      loopDelay.sum,
    );
  const memory = Deno.memoryUsage();
  text.family(
    "mnist_process_resident_memory_bytes",
    "gauge",
    "Resident set size",
  )
    .sample("mnist_process_resident_memory_bytes", {}, memory.rss)
    .family("mnist_process_heap_used_bytes", "gauge", "V8 heap in use")
    .sample("mnist_process_heap_used_bytes", {}, memory.heapUsed)
    .family("mnist_process_heap_total_bytes", "gauge", "V8 heap reserved")
    .sample("mnist_process_heap_total_bytes", {}, memory.heapTotal);
  return text.lines.join("\n") + "\n";
}
