/**
 * Tests of `routes/fixed_answer.ts`.
 *
 * @module
 */

import { assertEquals, assertMatch } from "@std/assert";
import { Hono } from "hono";
import { fixedJson } from "../../routes/fixed_answer.ts";

async function gunzip(response: Response): Promise<string> {
  const stream = response.body!.pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

Deno.test("fixedJson() makes its answer once, sends it compressed with an ETag, and 304 to a client that has it", async () => {
  let made = 0;
  const value = {
    accuracy: 0.9352,
    digits: Array.from({ length: 200 }, (_, i) => i),
  };
  const app = new Hono();
  app.get("/report", fixedJson("report.test.json", () => (made++, value)));

  const plain = await app.request("/report");
  assertEquals(plain.status, 200);
  assertMatch(plain.headers.get("content-type")!, /^application\/json/);
  assertEquals(await plain.json(), value);
  const etag = plain.headers.get("etag")!;
  assertMatch(etag, /^"[0-9a-f]{12}"$/);

  const zipped = await app.request("/report", {
    headers: { "accept-encoding": "gzip" },
  });
  assertEquals(zipped.headers.get("content-encoding"), "gzip");
  assertEquals(JSON.parse(await gunzip(zipped)), value);
  assertMatch(zipped.headers.get("vary")!, /Accept-Encoding/);

  const again = await app.request("/report", {
    headers: { "if-none-match": etag },
  });
  assertEquals(again.status, 304);
  assertEquals(made, 1);
});

Deno.test("fixedJson() does not keep a failure: the next request makes the answer again", async () => {
  let calls = 0;
  const app = new Hono();
  app.get(
    "/doc",
    fixedJson("doc.test.json", () => {
      if (++calls === 1) throw new Error("not yet");
      return { ok: true };
    }),
  );
  assertEquals((await app.request("/doc")).status, 500);
  const second = await app.request("/doc");
  assertEquals([second.status, await second.json()], [200, { ok: true }]);
  assertEquals(calls, 2);
});
