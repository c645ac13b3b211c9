import { assertEquals, assertFalse, assertRejects } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import { OffThread } from "../../../lib/worker/mod.ts";

const JOBS = new URL("./_jobs_worker.ts", import.meta.url);

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
