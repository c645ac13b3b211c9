/**
 * Each served model's statistics, as Triton's statistics extension reports
 * them (`GET /v2/models/{name}/stats`, docs/protocol/extension_statistics.md
 * of triton-inference-server/server) and its Prometheus metrics count them:
 * requests that succeeded and failed, images inferred, session runs by batch
 * size, and the time requests spent waiting and computing, in nanoseconds.
 *
 * The counters are plain numbers that the code on a request's path adds to
 * where it stands (the HTTP edge counts requests, the registry images and
 * runs): no call, no allocation per request. This module makes the records
 * and reads them out.
 *
 * @module
 */

/** A count and a total duration, Triton's `$duration_stat`. */
export interface DurationStat {
  count: number;
  ns: number;
}

/** One batch size's session runs, Triton's `$batch_stat`. */
export interface BatchStat {
  batch_size: number;
  compute_input: DurationStat;
  compute_infer: DurationStat;
  compute_output: DurationStat;
}

/** A model's statistics since the server started, Triton's `$model_stat`. */
export interface ModelStats {
  name: string;
  /** The one version served: "1". */
  version: string;
  /** When the last request for the model was answered, in ms since the epoch (0: never). */
  last_inference: number;
  /** Images inferred by successful requests (a batch of 5 counts 5). */
  inference_count: number;
  /** Session runs (a dynamic batch of many requests counts once). */
  execution_count: number;
  inference_stats: {
    /** Requests answered 2xx, and their time from arrival to answer. */
    success: DurationStat;
    /** Requests for the model answered with an error, and their time. */
    fail: DurationStat;
    /** Time requests waited: for the batch window, the worker and runs ahead. */
    queue: DurationStat;
    /** Time making the input tensor. */
    compute_input: DurationStat;
    /** Time in the session's run. */
    compute_infer: DurationStat;
    /** Time taking the outputs (copies, argmax). */
    compute_output: DurationStat;
    cache_hit: DurationStat;
  };
  /** Session runs by batch size, keyed by the size. */
  batches: Map<number, BatchStat>;
}

/** The version every model is served as (the V2 protocol's `versions`). */
export const MODEL_VERSION = "1";

const duration = (): DurationStat => ({ count: 0, ns: 0 });

/** A model's statistics, all zero. */
export function createModelStats(name: string): ModelStats {
  return {
    name,
    version: MODEL_VERSION,
    last_inference: 0,
    inference_count: 0,
    execution_count: 0,
    inference_stats: {
      success: duration(),
      fail: duration(),
      queue: duration(),
      compute_input: duration(),
      compute_infer: duration(),
      compute_output: duration(),
      cache_hit: duration(),
    },
    batches: new Map(),
  };
}

/** The record of a batch size's runs, made on its first run. */
export function batchStat(stats: ModelStats, size: number): BatchStat {
  let stat = stats.batches.get(size);
  if (!stat) {
    stat = {
      batch_size: size,
      compute_input: duration(),
      compute_infer: duration(),
      compute_output: duration(),
    };
    stats.batches.set(size, stat);
  }
  return stat;
}

/** Triton's `$model_stat` JSON of a model's statistics (integers, batch sizes in order). */
export function tritonModelStat(stats: ModelStats): Record<string, unknown> {
  const round = (d: DurationStat) => ({
    count: d.count,
    ns: Math.round(d.ns),
  });
  const inference = Object.fromEntries(
    Object.entries(stats.inference_stats).map(([k, d]) => [k, round(d)]),
  );
  return {
    name: stats.name,
    version: stats.version,
    last_inference: stats.last_inference,
    inference_count: stats.inference_count,
    execution_count: stats.execution_count,
    inference_stats: inference,
    batch_stats: [...stats.batches.values()]
      .sort((a, b) => a.batch_size - b.batch_size)
      .map((b) => ({
        batch_size: b.batch_size,
        compute_input: round(b.compute_input),
        compute_infer: round(b.compute_infer),
        compute_output: round(b.compute_output),
      })),
  };
}
