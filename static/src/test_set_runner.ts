/**
 * The page's run of the book's accuracy loop over the 10,000 test images:
 * in the device engine's worker when the MLP is open there (test_set_job.ts),
 * else through the API — the same file fetched, each batch of bytes sent as
 * one `POST /api/predict` (application/octet-stream, N×784), its answers
 * counted against the labels. Either way `heard` is told after every batch
 * and `signal` stops the run between two batches.
 *
 * @module
 */

import { decodeTestSet } from "../../lib/mnist/test_set_file.ts";
import { IMAGE_SIZE } from "../../lib/tensor.ts";
import { predictBytes } from "./api.ts";
import { deviceEngine } from "./device.ts";
import { reach } from "./offline.ts";
import type { RunProgress, RunResult } from "./test_set_job.ts";

export type { RunPhase, RunProgress, RunResult } from "./test_set_job.ts";

/** The batch sizes the page offers (batch_size in the book's loop). */
export const BATCH_SIZES = [1, 10, 100, 1000] as const;

/** The book's batch size, chosen to begin with. */
export const DEFAULT_BATCH_SIZE = 100;

/**
 * The smallest batch the API is asked for: smaller ones would take more
 * requests than its rate limit lets one reader make in a minute (600).
 */
export const SMALLEST_API_BATCH = 100;

/** Where a run went. */
export type RunPlace = "device" | "server";

/** A run's end, and where it ran. */
export interface FinishedRun extends RunResult {
  where: RunPlace;
  batchSize: number;
}

/** Options of {@linkcode runTestSet}. */
export interface RunOptions {
  /** The test set's file (the page's `testSet` URL). */
  url: string;
  batchSize: number;
  /** Told after every batch (and when the file and the network are ready). */
  heard(progress: RunProgress): void;
  signal?: AbortSignal;
}

/** Where a run would go now: the device when the MLP is open there. */
export function runPlace(): RunPlace {
  return deviceEngine()?.models().includes("mlp") ? "device" : "server";
}

/**
 * Runs the accuracy loop on the device or through the API.
 *
 * @throws {Error} When the file or the server cannot be reached (OFFLINE), or
 *   the server refuses a batch (its message).
 */
export async function runTestSet(options: RunOptions): Promise<FinishedRun> {
  const { url, batchSize, heard, signal } = options;
  const engine = deviceEngine();
  if (engine && runPlace() === "device") {
    const result = await engine.runTestSet({ url, batchSize, signal }, heard);
    return { ...result, where: "device", batchSize };
  }
  return { ...await overApi(options), where: "server", batchSize };
}

/** The loop through the API: one request a batch. */
async function overApi(
  { url, batchSize, heard, signal }: RunOptions,
): Promise<RunResult> {
  heard({ phase: "data", done: 0, correct: 0, total: 0 });
  const response = await reach(url);
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  const { images, labels, count: total } = decodeTestSet(
    new Uint8Array(await response.arrayBuffer()),
  );
  heard({ phase: "network", done: 0, correct: 0, total });
  let correct = 0;
  let done = 0;
  const start = performance.now();
  for (let i = 0; i < total && !signal?.aborted; i += batchSize) {
    const end = Math.min(i + batchSize, total);
    const answers = await predictBytes(
      images.slice(i * IMAGE_SIZE, end * IMAGE_SIZE),
    );
    answers.forEach((answer, k) => {
      if (answer.digit === labels[i + k]) correct++;
    });
    done = end;
    heard({ phase: "loop", done, correct, total });
  }
  const ms = performance.now() - start;
  heard({ phase: "done", done, correct, total });
  return { done, correct, total, ms, cancelled: done < total };
}
