import { assertEquals } from "@std/assert";
import { NO_IDLE_WAIT_MS, onIdle } from "../../../static/src/idle.ts";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

Deno.test("onIdle runs its work once, later (no requestIdleCallback here)", async () => {
  let runs = 0;
  onIdle(() => runs++, 500);
  assertEquals(runs, 0, "not at once");
  await sleep(NO_IDLE_WAIT_MS + 30);
  assertEquals(runs, 1);
  await sleep(NO_IDLE_WAIT_MS + 30);
  assertEquals(runs, 1, "once");
});

Deno.test("onIdle's cancel stops work not yet run", async () => {
  let runs = 0;
  const cancel = onIdle(() => runs++, 500);
  cancel();
  await sleep(NO_IDLE_WAIT_MS + 30);
  assertEquals(runs, 0);
});
