/**
 * Tests of `routes/warm_up.ts` (the readiness it gates is tested in
 * kserve_test.ts).
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { sharedDecodePool } from "../../lib/http/mod.ts";
import { warmUp } from "../../routes/warm_up.ts";
import { LANGS } from "../../static/src/texts/lang.ts";
import { testApp } from "../_app.ts";

Deno.test("warmUp() sends the app each costly kind of request, all answered as expected, pictures decoded in the worker", async () => {
  const app = testApp();
  const sent: string[] = [];
  const answered = sharedDecodePool().stats.answered;
  const report = await warmUp({
    request(path, init) {
      sent.push(`${init?.method ?? "GET"} ${path}`);
      return app.request(path, init);
    },
  });
  assertEquals(report.failed, []);
  assert(report.ms > 0);
  for (
    const step of [
      "GET /",
      "GET /api/openapi.json",
      "GET /api/report?model=deep-cnn",
      "POST /api/predict",
      "POST /api/predict?model=deep-cnn",
      "POST /v2/models/mlp/infer",
    ]
  ) assert(sent.includes(step), `${step} not sent: ${sent.join(", ")}`);
  assertEquals(
    sent.filter((step) => step === "GET /").length,
    LANGS.length,
    "the page in each language",
  );
  // the PNG and the multipart upload: the decoding worker started and used
  assert(sharedDecodePool().stats.answered >= answered + 2);
});

Deno.test("warmUp() reports what failed and never throws", async () => {
  const report = await warmUp({
    request(path) {
      if (path.startsWith("/api/report")) throw new Error("no report");
      if (path === "/api/models") return new Response("{}", { status: 500 });
      if (path === "/api/predict") return new Response("{}", { status: 400 });
      if (path.startsWith("/api/nothing")) {
        return new Response("{}", { status: 404 });
      }
      return new Response("{}");
    },
  });
  assert(report.failed.includes("GET /api/models: 500"), `${report.failed}`);
  assert(report.failed.includes("GET /api/report: Error: no report"));
  // the refusal step expects its 400; the JSON predictions expected 200
  assertEquals(
    report.failed.filter((step) => step.startsWith("POST /api/predict: ")),
    [
      "POST /api/predict: 400",
      "POST /api/predict: 400",
      "POST /api/predict: 400",
      "POST /api/predict: 400",
    ],
  );
  assert(!report.failed.some((step) => step.startsWith("GET /api/nothing")));
});

Deno.test("warmUp() waits for `after` (the models) before its first request, and reports a failure of it", async () => {
  let sent = 0;
  let release = () => {};
  const models = new Promise<void>((resolve) => release = resolve);
  const running = warmUp({
    request: () => (sent++, new Response("{}")),
  }, { after: models });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals(sent, 0, "nothing sent before the models are loaded");
  release();
  await running;
  assert(sent > 0);
  const report = await warmUp({ request: () => new Response("{}") }, {
    after: Promise.reject(new Error("no model")),
  });
  assert(report.failed.includes("waiting for the models: Error: no model"));
});

Deno.test("warmUp() takes the `more` steps after its requests, and reports a failed one", async () => {
  const done: string[] = [];
  const report = await warmUp({
    request: (path) => (done.push(path), new Response("{}")),
  }, {
    more: [
      { name: "first", run: () => Promise.resolve(done.push("first")) },
      { name: "broken", run: () => Promise.reject(new Error("no")) },
      { name: "last", run: () => Promise.resolve(done.push("last")) },
    ],
  });
  // the pages again after the steps, which may change what they show
  assertEquals(done.slice(-5), ["first", "last", "/", "/", "/"]);
  assert(done.indexOf("first") > done.indexOf("/api/nothing-here"));
  assert(report.failed.includes("broken: Error: no"), `${report.failed}`);
});

Deno.test("warmUp() with idleMs gives way while the event loop is busy", async () => {
  let sent = 0;
  // a timer that holds the event loop 30 ms every 5 ms: no step fits between
  const busy = setInterval(() => {
    const until = performance.now() + 30;
    while (performance.now() < until) { /* busy */ }
  }, 5);
  const running = warmUp({
    request: () => (sent++, new Response("{}")),
  }, { idleMs: 10 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const whileBusy = sent;
  clearInterval(busy);
  await running;
  assert(whileBusy < 3, `${whileBusy} steps taken while the loop was busy`);
  assert(sent > 10);
});
