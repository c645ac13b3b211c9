/**
 * The served models at run time: each opened once, in the background, the
 * default model first and the others after it (and after the server's first
 * answer, when it says so), so a server listens at once and its first
 * prediction waits only for the MLP. Each loaded model has one
 * predict entry that decides batching and run size itself.
 *
 * @module
 */

import { setImmediate } from "node:timers";
import type { Report } from "../evaluate/mod.ts";
import type { Prediction, Session } from "../infer/mod.ts";
import { ClientError } from "../errors.ts";
import { joinPredictions } from "./_join.ts";
import { pixelRows, type Pixels, pixelsFromFloats } from "../input/pixels.ts";
import { IMAGE_SIZE } from "../tensor.ts";
import {
  DEFAULT_MODEL,
  MODEL_NAMES,
  type ModelInfo,
  type ModelName,
  modelSpec,
} from "../models.ts";
import {
  type BatchingOptions,
  createBatcher,
  createWorkClock,
  type WorkClock,
} from "./batcher.ts";
import { readModelInfo, readReport } from "./model_files.ts";
import {
  batchStat,
  createModelStats,
  type DurationStat,
  type ModelStats,
} from "./stats.ts";
import { openModelInWorker } from "./worker_session.ts";
import {
  type LoadedModel,
  type PredictOptions,
  RUN_SIZE,
  RUN_SIZES,
} from "./served.ts";

export type { LoadedModel, PredictOptions };
export { RUN_SIZE, RUN_SIZES };

/** Options of {@linkcode ModelRegistry}. */
export interface RegistryOptions {
  /** How concurrent requests are coalesced (batching on, with the defaults, when omitted). */
  batching?: BatchingOptions;
  /**
   * Opens a model's session: in the inference worker by default
   * (`openModelInWorker`); `openModel` of lib/runtime/model_files.ts opens it
   * on this thread instead.
   */
  open?: (name: ModelName) => Promise<Session>;
  /**
   * Called once the default model has loaded, and waited for before the
   * others start loading: the server's first answers go first (the
   * DeepConvNet's start in the inference worker never delays the first
   * prediction). At once by default.
   */
  later?: () => Promise<unknown>;
  /**
   * The most milliseconds of computing promised to large requests at once
   * (default `QUEUE_LIMIT_MS` of lib/limits.ts): past it,
   * new large work gets 503 with Retry-After.
   */
  queueLimitMs?: number;
}

/** Adds `ms` milliseconds (once) to a duration statistic. */
function add(stat: DurationStat, ms = 0): void {
  stat.count++;
  stat.ns += ms * 1e6;
}

/**
 * Counts a session run: one execution of its batch size, and the time it
 * made its input, computed and took its outputs.
 */
function countRun(stats: ModelStats, images: number, run: Prediction): void {
  stats.execution_count++;
  const batch = stats.batches.get(images) ?? batchStat(stats, images);
  add(batch.compute_input, run.inputMs);
  add(batch.compute_infer, run.runMs);
  add(batch.compute_output, run.outputMs);
}

/**
 * Counts a request's images and its time: computing (its runs' time), and
 * waiting (the rest of `ms`, from the predict call to its answer).
 */
function countRequest(
  stats: ModelStats,
  images: number,
  ms: number,
  prediction: Prediction,
): void {
  const { inference_stats: times } = stats;
  const { inputMs = 0, runMs = 0, outputMs = 0 } = prediction;
  stats.inference_count += images;
  add(times.queue, Math.max(0, ms - inputMs - runMs - outputMs));
  add(times.compute_input, inputMs);
  add(times.compute_infer, runMs);
  add(times.compute_output, outputMs);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A session whose every run is counted, and tells the clock what an image costs. */
function countedSession(
  session: Session,
  stats: ModelStats,
  clock?: WorkClock,
): Session {
  return {
    ...session,
    async predict(pixels, extra) {
      const prediction = await session.predict(pixels, extra);
      countRun(stats, pixels.shape[0], prediction);
      if (prediction.runMs !== undefined) {
        clock?.observe(session.name, {
          images: pixels.shape[0],
          runMs: prediction.runMs,
        });
      }
      return prediction;
    },
  };
}

/**
 * Large work, or work asking for hidden outputs: admitted by the clock, then
 * run in pieces of `runSize` images, taking turns with other requests.
 */
async function inPieces(
  session: Session,
  pixels: Pixels,
  extra: readonly string[],
  { clock, runSize, signal }: {
    clock?: WorkClock;
    runSize: number;
    signal?: AbortSignal;
  },
): Promise<Prediction> {
  const n = pixels.shape[0];
  const done = clock?.admit(session.name, n);
  try {
    if (n <= runSize) return await session.predict(pixels, extra);
    const pieces: Prediction[] = [];
    for (let start = 0; start < n; start += runSize) {
      signal?.throwIfAborted();
      pieces.push(
        await session.predict(pixelRows(pixels, start, start + runSize), extra),
      );
      await nextTurn(); // let other requests (and health checks) in
    }
    signal?.throwIfAborted();
    return joinPredictions(pieces);
  } finally {
    done?.();
  }
}

/** Wraps a session as a served model with its one predict entry. */
export function serveModel(
  session: Session,
  parts: {
    info: ModelInfo;
    report: Report;
    batching?: BatchingOptions;
    /** Admits large work by the computing ahead of it (none: all admitted). */
    clock?: WorkClock;
    /** Where its runs and requests are counted (new ones by default). */
    stats?: ModelStats;
  },
): LoadedModel {
  const spec = modelSpec(session.name);
  const { clock, stats = createModelStats(spec.name) } = parts;
  const timed = countedSession(session, stats, clock);
  const batcher = createBatcher({ ...parts.batching, session: timed });
  const maxBatched = batcher.enabled ? parts.batching?.maxBatchSize ?? 64 : 1;
  const [probabilitiesName] = session.outputNames;
  const runSize = RUN_SIZES[spec.name] ?? RUN_SIZE;

  return {
    name: spec.name,
    title: spec.title,
    imageShape: spec.imageShape,
    outputNames: session.outputNames,
    activations: spec.activations,
    info: parts.info,
    report: parts.report,
    stats,
    async predict(pixels, options = {}) {
      const extra = (options.outputs ?? []).filter((name) =>
        name !== probabilitiesName
      );
      // an unknown output name is refused by the session, before any run
      options.signal?.throwIfAborted();
      const start = performance.now();
      const prediction = extra.length === 0 && pixels.shape[0] < maxBatched
        ? await batcher.predict(pixels)
        : await inPieces(timed, pixels, extra, {
          clock,
          runSize,
          signal: options.signal,
        });
      countRequest(
        stats,
        pixels.shape[0],
        performance.now() - start,
        prediction,
      );
      return prediction;
    },
    release: () => session.release(),
  };
}

/** Opens the models in the background; `get` waits for the one asked for. */
export class ModelRegistry {
  #loading = new Map<ModelName, Promise<LoadedModel>>();
  #loaded = new Map<ModelName, LoadedModel>();
  #batching: BatchingOptions;
  #open: (name: ModelName) => Promise<Session>;
  #clock: WorkClock;
  #stats = new Map<ModelName, ModelStats>();

  /**
   * Starts loading the named models (all served models by default): the
   * default model first, each other one once the one before it is ready.
   */
  constructor(
    names: readonly ModelName[] = MODEL_NAMES,
    options: RegistryOptions = {},
  ) {
    this.#batching = options.batching ?? {};
    this.#open = options.open ?? openModelInWorker;
    // the models compute on one thread: one clock for all of them
    this.#clock = createWorkClock({ limitMs: options.queueLimitMs });
    const ordered = [...names].sort((a, b) =>
      Number(b === DEFAULT_MODEL) - Number(a === DEFAULT_MODEL)
    );
    let previous: Promise<unknown> = Promise.resolve();
    for (const name of ordered) {
      this.#stats.set(name, createModelStats(name));
      const after = name === DEFAULT_MODEL || !options.later
        ? previous
        : previous.catch(() => {}).then(() => options.later?.());
      const loading = after.catch(() => {}).then(() => this.#load(name));
      // a failure is reported by get() and health, not as an unhandled rejection
      loading.catch((error) =>
        console.error(`model ${name} failed to load:`, error)
      );
      this.#loading.set(name, loading);
      previous = loading;
    }
  }

  async #load(name: ModelName): Promise<LoadedModel> {
    const [session, info, report] = await Promise.all([
      this.#open(name),
      readModelInfo(name),
      readReport(name),
    ]);
    // a warm-up run of zeros: the wasm's code for this model is compiled
    // before a request needs it, and the clock learns what an image costs
    const runSize = RUN_SIZES[name] ?? RUN_SIZE;
    const warm = await session.predict(
      pixelsFromFloats(new Float32Array(runSize * IMAGE_SIZE)),
    );
    if (warm.runMs !== undefined) {
      this.#clock.observe(name, { images: runSize, runMs: warm.runMs });
    }
    const model = serveModel(session, {
      info,
      report,
      batching: this.#batching,
      clock: this.#clock,
      stats: this.#stats.get(name),
    });
    this.#loaded.set(name, model);
    return model;
  }

  /** The names of the served models. */
  get names(): ModelName[] {
    return [...this.#loading.keys()];
  }

  /** Whether a model is served here. */
  has(name: string): name is ModelName {
    return this.#loading.has(name as ModelName);
  }

  /** A served model's statistics (Triton's), from before it has loaded; undefined for a name not served. */
  stats(name: string): ModelStats | undefined {
    return this.#stats.get(name as ModelName);
  }

  /** Whether a model has finished loading. */
  isReady(name: string): boolean {
    return this.#loaded.has(name as ModelName);
  }

  /**
   * The loaded model (the default when `name` is undefined), waiting for it
   * to load if need be.
   *
   * @throws {ClientError} 404 when no model of that name is served.
   */
  async get(name: string = DEFAULT_MODEL): Promise<LoadedModel> {
    const loading = this.#loading.get(name as ModelName);
    if (!loading) {
      throw new ClientError(
        404,
        `Unknown model ${
          JSON.stringify(name).slice(0, 60)
        }: served models are ${this.names.join(", ") || "none"}`,
      );
    }
    return await loading;
  }

  /** Releases every loaded session. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#loading.values());
    for (const model of this.#loaded.values()) await model.release();
  }
}
