/**
 * What a served model is: the predict entry the routes call, its options, and
 * how many images one of its session runs holds (lib/runtime/registry.ts
 * makes them).
 *
 * @module
 */

import type { Report } from "../evaluate/mod.ts";
import type { Prediction } from "../infer/mod.ts";
import type { Pixels } from "../input/mod.ts";
import type { ModelInfo, ModelName } from "../models.ts";
import type { ModelStats } from "./stats.ts";

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
  /** Its statistics (Triton's): the registry's, kept across reloads. */
  stats: ModelStats;
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
