/**
 * The device engine's run of the book's accuracy loop (chapter 3.6.3): the
 * test set fetched once into the worker (static/engine.ts), then read in
 * batches of the chosen size by the page's MLP session — `x[i:i+batch_size]`
 * normalised as load_mnist(normalize=True) does, predicted, its argmax
 * compared with `t[i:i+batch_size]` — telling the page where it is every
 * few milliseconds, between two batches.
 * The page stops it between two batches through the same port.
 *
 * @module
 */

import type { Session } from "../../lib/infer/session.ts";
import { pixelsFromBytes } from "../../lib/input/pixels.ts";
import {
  decodeTestSet,
  type TestSetFile,
} from "../../lib/mnist/test_set_file.ts";
import { IMAGE_SIZE } from "../../lib/tensor.ts";

/** Where a run is: the book's lines it is on (see test_set_lines.ts). */
export type RunPhase = "data" | "network" | "loop" | "done";

/** What the page hears during a run, between two batches. */
export interface RunProgress {
  phase: RunPhase;
  /** Images read so far. */
  done: number;
  /** Of those, how many the network read right (accuracy_cnt). */
  correct: number;
  /** Images in the test set (len(x)). */
  total: number;
}

/** What a run gives back once it ends (or stops). */
export interface RunResult {
  done: number;
  correct: number;
  total: number;
  /** Milliseconds the loop took, from its first batch to its last. */
  ms: number;
  /** Whether the page stopped it before the end. */
  cancelled: boolean;
}

/** What the `testSet` job takes. */
export interface RunJob {
  /** The test set's file (its content-hashed URL). */
  url: string;
  /** batch_size: 1 to 1000. */
  batchSize: number;
  /** Hears {@linkcode RunProgress}; a message from the page stops the run. */
  port: MessagePort;
}

/**
 * How long the loop runs before it tells the page where it is and lets the
 * port's messages in: a message for each of 10,000 batches of one image
 * reached the page in bursts Chromium handles as one task, over 100 ms on a
 * slowed phone; one every slice is more than the page shows (once a frame).
 */
const SLICE_MS = 8;

let loaded: { url: string; file: Promise<TestSetFile> } | undefined;

/** The test set, fetched once (decompressed by the browser, read here). */
function testSet(url: string): Promise<TestSetFile> {
  if (loaded?.url !== url) {
    const file = fetch(url).then(async (response) => {
      if (!response.ok) {
        throw new Error(`Cannot load ${url}: ${response.status}`);
      }
      return decodeTestSet(new Uint8Array(await response.arrayBuffer()));
    });
    file.catch(() => loaded = undefined);
    loaded = { url, file };
  }
  return loaded.file;
}

/** Lets the worker's waiting messages in (a timer would wait 4 ms, nested). */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (port1.close(), resolve());
    port2.postMessage(null);
  });
}

/**
 * Runs the accuracy loop over the test set with `session` (the MLP's),
 * posting {@linkcode RunProgress} on the job's port between batches (at
 * most every {@linkcode SLICE_MS}) and at the end.
 *
 * @throws {RangeError} When the batch size is not a whole number in [1, 1000].
 * @throws {Error} When the file cannot be loaded or the model is not open.
 */
export async function runTestSet(
  job: RunJob,
  session: () => Session | undefined,
): Promise<{ value: RunResult }> {
  const { batchSize, port } = job;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new RangeError(`batch_size ${batchSize}: 1 to 1000 expected`);
  }
  let cancelled = false;
  port.onmessage = () => cancelled = true;
  try {
    port.postMessage({ phase: "data", done: 0, correct: 0, total: 0 });
    const { images, labels, count: total } = await testSet(job.url);
    port.postMessage({ phase: "network", done: 0, correct: 0, total });
    const network = session();
    if (!network) throw new Error("The MLP is not open on this device");
    let correct = 0;
    let done = 0;
    const start = performance.now();
    let slice = start;
    for (let i = 0; i < total && !cancelled; i += batchSize) {
      const end = Math.min(i + batchSize, total);
      const x = pixelsFromBytes(
        images.subarray(i * IMAGE_SIZE, end * IMAGE_SIZE),
      );
      const { digits } = await network.predict(x);
      for (let k = 0; k < digits.length; k++) {
        if (digits[k] === labels[i + k]) correct++;
      }
      done = end;
      if (performance.now() - slice > SLICE_MS) {
        port.postMessage({ phase: "loop", done, correct, total });
        await yieldToMessages();
        slice = performance.now();
      }
    }
    const ms = performance.now() - start;
    port.postMessage({ phase: "done", done, correct, total });
    return { value: { done, correct, total, ms, cancelled } };
  } finally {
    port.close();
  }
}
