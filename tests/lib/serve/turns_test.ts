import { assertEquals, assertRejects } from "@std/assert";
import { createTurns } from "../../../lib/serve/turns.ts";

Deno.test("createTurns() runs pieces one at a time, in order, with a turn of the event loop between them", async () => {
  const turn = createTurns();
  const log: string[] = [];
  const first = turn(() => {
    log.push("first");
    // work that was waiting (here a timer) gets in before the next piece
    setTimeout(() => log.push("waiting"), 0);
    return 1;
  });
  const second = turn(() => (log.push("second"), 2));
  assertEquals(await Promise.all([first, second]), [1, 2]);
  assertEquals(log, ["first", "waiting", "second"]);
});

Deno.test("createTurns(): a piece that throws rejects its own promise; the next still runs", async () => {
  const turn = createTurns();
  const failed = turn(() => {
    throw new RangeError("bad body");
  });
  const next = turn(() => "ok");
  await assertRejects(() => failed, RangeError, "bad body");
  assertEquals(await next, "ok");
});
