/**
 * Tests of `lib/worker/off_thread.ts`: the client (OffThread), then the
 * worker (serveJobs), over tests/lib/worker/_jobs_worker.ts.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertFalse,
  assertInstanceOf,
  assertRejects,
} from "@std/assert";
import { ClientError, ServerBusy } from "../../../lib/errors.ts";
import { OffThread, type OffThreadOptions } from "../../../lib/worker/mod.ts";
import { assertRejectsBusy, assertRejectsClient } from "../../_errors.ts";

const JOBS = new URL("./_jobs_worker.ts", import.meta.url);

/** A client of the test worker whose stops are counted. */
function client(options: Partial<OffThreadOptions> = {}) {
  let stops = 0;
  const worker = new OffThread({
    url: JOBS,
    name: "test worker",
    onStop: () => stops++,
    ...options,
  });
  return { worker, stops: () => stops };
}

Deno.test("OffThread gives each call its own answer, by id, with buffers moved both ways", async () => {
  const { worker } = client();
  const inputs = [1, 2, 3].map((n) => new Float32Array(1000).fill(n));
  const answers = await Promise.all(
    inputs.map((values) =>
      worker.call<Float32Array>("double", values, {
        transfer: [values.buffer],
      })
    ),
  );
  answers.forEach((answer, i) => {
    assertInstanceOf(answer, Float32Array);
    assertEquals(answer.length, 1000);
    assertEquals(answer[999], 2 * (i + 1));
  });
  assert(inputs.every((values) => values.buffer.detached), "moved, not copied");
  const copied = new Float32Array(new ArrayBuffer(8000), 0, 1000);
  assertFalse(await worker.call<boolean>("alone", copied.subarray(0, 10)));
  assertEquals(worker.stats.answered, 4);
  worker.close();
});

Deno.test("OffThread throws a job's refusal as the same ClientError or ServerBusy, and anything else as the worker's bug", async () => {
  const { worker } = client();
  await assertRejectsClient(
    () => worker.call("refuse", "pixel 3 is 2"),
    422,
    "pixel 3 is 2",
  );
  const busy = await assertRejectsBusy(() => worker.call("busy", 7), "busy");
  assertEquals(busy.retryAfterSeconds, 7);
  const bug = await assertRejects(
    () => worker.call("bug", null),
    Error,
    "The test worker failed: TypeError: x is undefined",
  );
  assertFalse(bug instanceof ClientError || bug instanceof ServerBusy);
  assertEquals(worker.stats.workers, 1, "the worker goes on");
  worker.close();
});

Deno.test("OffThread terminates a worker past a call's time limit, with the caller's error, and starts a new one for the next call", async () => {
  const { worker, stops } = client({ startupMs: 30_000 });
  await worker.call("spin", 0); // the worker is up: start-up is not timed
  const error = await assertRejects(
    () =>
      worker.call("spin", 10_000, {
        timeoutMs: 50,
        timedOut: () => new ServerBusy("took too long"),
      }),
    ServerBusy,
    "took too long",
  );
  assertEquals(error.status, 503);
  assertEquals(stops(), 1, "terminated");
  assertEquals(worker.stats.stopped, 1);
  assertEquals(await worker.call("spin", 1), 1);
  assertEquals(worker.stats.workers, 1, "a new worker");
  worker.close();
  assertEquals(stops(), 2);
});

Deno.test("OffThread gives a call up when its signal aborts: dropped if waiting, its worker terminated if running", async () => {
  const { worker, stops } = client({ maxInFlight: 1 });
  const controller = new AbortController();
  const cancelled = () => new ServerBusy("cancelled");
  const running = worker.call("wait", 10_000, {
    signal: controller.signal,
    cancelled,
  });
  const waiting = worker.call("wait", 10_000, {
    signal: controller.signal,
    cancelled,
  });
  assertEquals([worker.stats.busy, worker.stats.queued], [1, 1]);
  controller.abort();
  await assertRejectsBusy(() => running, "cancelled");
  await assertRejectsBusy(() => waiting, "cancelled");
  assertEquals([stops(), worker.stats.stopped], [1, 1]);
  await assertRejectsBusy(
    () => worker.call("wait", 0, { signal: AbortSignal.abort(), cancelled }),
    "cancelled",
  );
  assertEquals(worker.stats.workers, 0, "none started for it");
  worker.close();
});

Deno.test("OffThread refuses a call at once when its queue is full", async () => {
  const { worker } = client({ maxInFlight: 1, maxQueue: 1 });
  const first = worker.call("wait", 50);
  const second = worker.call("wait", 50);
  await assertRejectsBusy(
    () => worker.call("wait", 0, { busy: () => new ServerBusy("busy") }),
    "busy",
  );
  assertEquals(await Promise.all([first, second]), [50, 50]);
  worker.close();
});

Deno.test("OffThread refuses every call in a worker that fails, as a bug, and starts a new one for the next", async () => {
  const { worker, stops } = client();
  const crashing = worker.call("crash", 100);
  const waiting = worker.call("wait", 2000); // in the worker when it fails
  assertEquals(await crashing, "soon");
  const error = await assertRejects(
    () => waiting,
    Error,
    "The test worker failed",
  );
  assert(error.message.includes("boom"), error.message);
  assertFalse(error instanceof ClientError);
  assertEquals(stops(), 1);
  assertEquals(await worker.call("spin", 1), 1);
  worker.close();
});

Deno.test("OffThread replaces its worker after a call asked to be recycled, and lets an idle one go", async () => {
  const { worker, stops } = client({ idleMs: 100 });
  await worker.call("spin", 1, { recycle: true });
  assertEquals([stops(), worker.stats.recycled, worker.stats.workers], [
    1,
    1,
    0,
  ]);
  await worker.call("spin", 1);
  assertEquals(worker.stats.workers, 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assertEquals([stops(), worker.stats.workers], [2, 0], "idle, let go");
  worker.close();
});

Deno.test("OffThread.close() refuses the calls waiting and running, and the next call starts again", async () => {
  const { worker } = client({ maxInFlight: 1 });
  const calls = [worker.call("wait", 10_000), worker.call("wait", 10_000)];
  const ends = Promise.allSettled(calls);
  worker.close();
  for (const end of await ends) assertEquals(end.status, "rejected");
  assertEquals(worker.stats.workers, 0);
  assertEquals(await worker.call("spin", 1), 1);
  worker.close();
});

Deno.test("serveJobs() does one job at a time, in the order they came, even when a job waits", async () => {
  const worker = new OffThread({ url: JOBS, name: "test worker" });
  const ended: string[] = [];
  await Promise.all([
    worker.call("wait", 200).then(() => ended.push("wait 200")),
    worker.call("spin", 0).then(() => ended.push("spin 0")),
    worker.call("wait", 0).then(() => ended.push("wait 0")),
  ]);
  assertEquals(ended, ["wait 200", "spin 0", "wait 0"]);
  worker.close();
});

Deno.test("serveJobs() refuses a job it does not have as a bug, and goes on", async () => {
  const worker = new OffThread({ url: JOBS, name: "test worker" });
  const error = await assertRejects(
    () => worker.call("nothing", null),
    Error,
    "The test worker failed: Error: This worker has no job named nothing",
  );
  assertFalse(error instanceof ClientError);
  assertEquals(await worker.call("spin", 1), 1);
  worker.close();
});
