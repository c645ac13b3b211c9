/**
 * The served models at run time: each opened once, in the background, the
 * default model first and the others after it, so a server listens at once
 * and its first prediction waits only for the MLP. Each loaded model has one
 * predict entry that decides batching and run size itself.
 *
 * @module
 */

import { setImmediate } from "node:timers";
import type { Report } from "../evaluate/mod.ts";
import type { Prediction, Session } from "../infer/mod.ts";
import { ClientError } from "../errors.ts";
import { joinPredictions } from "./_join.ts";
import { pixelRows, type Pixels, pixelsFromFloats } from "../input/mod.ts";
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
import { openModelInWorker } from "./worker_session.ts";

/** The most images in one session run: the book's batch size. */
export const RUN_SIZE = 100;

/**
 * The most images in one run of each model. A run holds the inference
 * worker's thread (the wasm computes synchronously), and the runs of every
 * request take turns there: a DeepConvNet image costs far more than an MLP
 * image, so its runs are smaller, and a small request never waits long
 * behind a piece of a large one.
 */
export const RUN_SIZES: Record<string, number> = {
  mlp: RUN_SIZE,
  "deep-cnn": 25,
};

/** Options of {@linkcode LoadedModel.predict}. */
export interface PredictOptions {
  /** Hidden outputs to return besides the probabilities (e.g. the MLP's `["a1", "z1"]`). */
  outputs?: readonly string[];
  /** Stops the work between runs (of {@linkcode RUN_SIZES} images) when it aborts. */
  signal?: AbortSignal;
}

/** A served model, loaded: its structure, report and predict entry. */
export interface LoadedModel {
  name: ModelName;
  title: string;
  imageShape: number[];
  /** The session's outputs; the first is the probabilities. */
  outputNames: readonly string[];
  /** The hidden layers it can return (the MLP's a1, z1, a2, z2, a3; none for the CNN). */
  activations: readonly string[];
  info: ModelInfo;
  report: Report;
  /**
   * Predicts N checked images. Single images and small batches share session
   * runs with concurrent requests (dynamic batching); larger ones and those
   * asking for hidden outputs run in pieces ({@linkcode RUN_SIZES}), taking
   * turns with other requests between pieces so that none stalls the others.
   *
   * @throws {ClientError} 400 for an output the model does not have (from the
   * session).
   * @throws {ServerBusy} When large work finds more computing ahead of it
   * than the registry's `queueLimitMs` (the work clock of lib/runtime/batcher.ts).
   * @throws The signal's reason when it aborts before the work is done.
   */
  predict(pixels: Pixels, options?: PredictOptions): Promise<Prediction>;
  release(): Promise<void>;
}

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
   * The most milliseconds of computing promised to large requests at once
   * (default `QUEUE_LIMIT_MS` of lib/limits.ts): past it,
   * new large work gets 503 with Retry-After.
   */
  queueLimitMs?: number;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
  },
): LoadedModel {
  const spec = modelSpec(session.name);
  const { clock } = parts;
  // every run tells the clock what an image of this model costs
  const timed: Session = {
    ...session,
    async predict(pixels, extra) {
      const prediction = await session.predict(pixels, extra);
      if (prediction.runMs !== undefined) {
        clock?.observe(spec.name, {
          images: pixels.shape[0],
          runMs: prediction.runMs,
        });
      }
      return prediction;
    },
  };
  const batcher = createBatcher({ ...parts.batching, session: timed });
  const maxBatched = batcher.enabled ? parts.batching?.maxBatchSize ?? 64 : 1;
  const [probabilitiesName] = session.outputNames;
  const runSize = RUN_SIZES[spec.name] ?? RUN_SIZE;

  async function inPieces(
    pixels: Pixels,
    extra: readonly string[],
    signal?: AbortSignal,
  ): Promise<Prediction> {
    const n = pixels.shape[0];
    const done = clock?.admit(spec.name, n);
    try {
      if (n <= runSize) return await timed.predict(pixels, extra);
      const pieces: Prediction[] = [];
      for (let start = 0; start < n; start += runSize) {
        signal?.throwIfAborted();
        pieces.push(
          await timed.predict(
            pixelRows(pixels, start, start + runSize),
            extra,
          ),
        );
        await nextTurn(); // let other requests (and health checks) in
      }
      signal?.throwIfAborted();
      return joinPredictions(pieces);
    } finally {
      done?.();
    }
  }

  return {
    name: spec.name,
    title: spec.title,
    imageShape: spec.imageShape,
    outputNames: session.outputNames,
    activations: spec.activations,
    info: parts.info,
    report: parts.report,
    async predict(pixels, options = {}) {
      const extra = (options.outputs ?? []).filter((name) =>
        name !== probabilitiesName
      );
      // an unknown output name is refused by the session, before any run
      options.signal?.throwIfAborted();
      if (extra.length === 0 && pixels.shape[0] < maxBatched) {
        return await batcher.predict(pixels);
      }
      return await inPieces(pixels, extra, options.signal);
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
      const loading = previous.catch(() => {}).then(() => this.#load(name));
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
