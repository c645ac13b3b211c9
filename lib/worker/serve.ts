/**
 * The worker's side of the one off-thread protocol (lib/worker/client.ts): a
 * table of jobs by name, answered one at a time in the order they came, each
 * answer posted back with the buffers it names moved rather than copied, and
 * any error posted back the one way (`postError`): a refusal (ClientError,
 * ServerBusy) as itself, anything else as a bug.
 *
 * @module
 */

import { type PostedError, postError } from "../errors.ts";

/** What the client posts: a job by name, with its id and payload. */
export interface JobMessage {
  id: number;
  job: string;
  payload: unknown;
}

/** What the worker posts back, by the job's id. */
export type ReplyMessage =
  | { id: number; ok: true; value: unknown }
  | ({ id: number; ok: false } & PostedError);

/** What a worker posts once its modules are loaded: the client's clock starts then. */
export const READY = "ready";

/** A job's answer and the buffers it gives the client (moved, not copied). */
export interface Answer<T = unknown> {
  value: T;
  transfer?: Transferable[];
}

/**
 * The jobs a worker does, by name. A job gets its payload as the client
 * posted it and returns (or resolves to) its answer; what it throws goes
 * back as the error.
 */
// deno-lint-ignore no-explicit-any
export type Jobs = Record<string, (payload: any) => Answer | Promise<Answer>>;

/**
 * Makes this module Worker answer `jobs`: one at a time, in the order they
 * came (a session's runs must not overlap), then says it is ready.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { OffThread } from "./client.ts";
 * // the worker's module: here a data: URL, usually a file of its own
 * const serve = new URL("./serve.ts", import.meta.url).href;
 * const source = `import { serveJobs } from ${JSON.stringify(serve)};
 *   serveJobs({
 *     sum: (values) => ({ value: values.reduce((a, b) => a + b, 0) }),
 *   });`;
 * const worker = new OffThread({
 *   url: new URL(`data:text/javascript,${encodeURIComponent(source)}`),
 *   name: "summing worker",
 * });
 * const values = new Float64Array([1, 2, 3]);
 * const sum = await worker.call("sum", values, { transfer: [values.buffer] });
 * assertEquals(sum, 6);
 * assertEquals(values.length, 0); // moved to the worker, not copied
 * worker.close();
 * ```
 */
export function serveJobs(jobs: Jobs): void {
  let queue: Promise<void> = Promise.resolve();
  self.onmessage = (event: MessageEvent<JobMessage>) => {
    const { id, job, payload } = event.data;
    queue = queue.then(async () => {
      try {
        const run = Object.hasOwn(jobs, job) ? jobs[job] : undefined;
        if (!run) throw new Error(`This worker has no job named ${job}`);
        const { value, transfer = [] } = await run(payload);
        self.postMessage({ id, ok: true, value } satisfies ReplyMessage, {
          transfer,
        });
      } catch (error) {
        self.postMessage(
          { id, ok: false, ...postError(error) } satisfies ReplyMessage,
        );
      }
    });
  };
  self.postMessage(READY);
}
