/**
 * Tests of `routes/metrics.ts` (with the counting of `routes/middleware/edge.ts`
 * and `lib/runtime/registry.ts`): `/metrics` shows exactly what happened, in
 * a text a real Prometheus parser reads, and the V2 statistics extension
 * answers what tritonclient asks (tests/fixtures/tritonclient_stats.json).
 *
 * @module
 */

import { assert, assertEquals, assertGreater } from "@std/assert";
import parsePrometheus from "parse-prometheus-text-format";
import { createHttpMetrics } from "../../lib/observe/mod.ts";
import { createApp } from "../../routes/app.ts";
import { testModels } from "../_app.ts";
import { image11 } from "./_predict.ts";

interface Family {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string }[];
}

const parse = parsePrometheus as unknown as (text: string) => Family[];

/** One sample's value from parsed families, 0 when absent. */
function value(
  families: Family[],
  name: string,
  labels: Record<string, string>,
): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) =>
    Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)
  );
  return Number(sample?.value ?? 0);
}

/** A fresh app over the test's models: one client's quota of 12 predictions a minute. */
function limitedApp(token?: string) {
  return createApp({
    models: testModels(),
    rateLimitPerMinute: 12,
    metrics: createHttpMetrics(),
    metricsToken: token,
  });
}

const post = (
  app: ReturnType<typeof createApp>,
  body: unknown,
) =>
  app.request("/api/predict", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function scrape(app: ReturnType<typeof createApp>): Promise<Family[]> {
  const response = await app.request("/metrics");
  assertEquals(response.status, 200);
  assert(
    response.headers.get("content-type")!.startsWith(
      "text/plain; version=0.0.4",
    ),
  );
  return parse(await response.text());
}

async function mlpStats(app: ReturnType<typeof createApp>) {
  const response = await app.request("/v2/models/mlp/stats");
  assertEquals(response.status, 200);
  return (await response.json()).model_stats[0];
}

Deno.test("/metrics and /v2/models/mlp/stats count exactly 10 predictions, a batch of 5, a bad body and a rate-limited request", async () => {
  const app = limitedApp();
  const image = await image11();
  const [before, statsBefore] = [await scrape(app), await mlpStats(app)];
  for (let i = 0; i < 10; i++) {
    assertEquals((await post(app, { pixels: image })).status, 200);
  }
  const batch = await post(app, { batch: Array(5).fill(image) });
  assertEquals(batch.status, 200);
  assertEquals((await post(app, "{not json")).status, 400);
  assertEquals((await post(app, { pixels: image })).status, 429);
  const [after, statsAfter] = [await scrape(app), await mlpStats(app)];
  const mlp = { model: "mlp", version: "1" };
  const delta = (name: string, labels: Record<string, string> = mlp) =>
    value(after, name, labels) - value(before, name, labels);
  assertEquals(delta("nv_inference_request_success"), 11);
  assertEquals(delta("nv_inference_count"), 15);
  assertEquals(delta("nv_inference_request_failure"), 2);
  assertGreater(delta("nv_inference_exec_count"), 0);
  for (
    const name of [
      "nv_inference_request_duration_us",
      "nv_inference_queue_duration_us",
      "nv_inference_compute_input_duration_us",
      "nv_inference_compute_infer_duration_us",
      "nv_inference_compute_output_duration_us",
    ]
  ) assertGreater(delta(name), 0, name);
  assertEquals(delta("mnist_refusals_total", { reason: "rate_limit" }), 1);
  assertEquals(delta("mnist_refusals_total", { reason: "bad_input" }), 1);
  assertEquals(delta("mnist_refusals_total", { reason: "budget" }), 0);
  const route = { route: "/api/predict" };
  assertEquals(delta("mnist_requests_total", { ...route, status: "2xx" }), 11);
  assertEquals(delta("mnist_requests_total", { ...route, status: "4xx" }), 2);
  // the deep-cnn saw none of it
  const cnn = { model: "deep-cnn", version: "1" };
  assertEquals(delta("nv_inference_request_success", cnn), 0);
  // the same requests, in Triton's statistics
  assertEquals(statsAfter.inference_count - statsBefore.inference_count, 15);
  const stat = (key: string) =>
    statsAfter.inference_stats[key].count -
    statsBefore.inference_stats[key].count;
  assertEquals(stat("success"), 11);
  assertEquals(stat("fail"), 2);
  assertEquals(stat("queue"), 11);
  for (const key of ["success", "queue", "compute_infer", "compute_output"]) {
    assertGreater(
      statsAfter.inference_stats[key].ns - statsBefore.inference_stats[key].ns,
      0,
      key,
    );
  }
  assertGreater(statsAfter.last_inference, Date.now() - 60_000);
  const runs = statsAfter.execution_count - statsBefore.execution_count;
  const batched = statsAfter.batch_stats.reduce(
    (sum: number, b: { compute_infer: { count: number } }) =>
      sum + b.compute_infer.count,
    0,
  );
  assert(runs >= 1 && runs <= 11, `${runs} runs`);
  assertEquals(batched, statsAfter.execution_count, "every run by batch size");
});

Deno.test("/metrics is Prometheus text a parser reads: HELP and TYPE for each family, histograms cumulative", async () => {
  const families = await scrape(limitedApp());
  const types = Object.fromEntries(families.map((f) => [f.name, f.type]));
  assertEquals(types.nv_inference_request_success, "COUNTER");
  assertEquals(types.nv_inference_compute_infer_duration_us, "COUNTER");
  assertEquals(types.mnist_batch_size, "HISTOGRAM");
  assertEquals(types.mnist_event_loop_delay_ms, "HISTOGRAM");
  assertEquals(types.mnist_process_resident_memory_bytes, "GAUGE");
  assertGreater(
    value(families, "mnist_process_resident_memory_bytes", {}),
    10_000_000,
  );
  const models = families.find((f) => f.name === "nv_inference_count")!
    .metrics.map((m) => m.labels?.model).sort();
  assertEquals(models, ["deep-cnn", "mlp"]);
});

Deno.test("METRICS_TOKEN, when set, is asked for as a bearer token", async () => {
  const app = limitedApp("s3cret");
  const refused = await app.request("/metrics");
  assertEquals(refused.status, 401);
  assert((await refused.json()).error.includes("Bearer"));
  const wrong = await app.request("/metrics", {
    headers: { authorization: "Bearer s3crex" },
  });
  assertEquals(wrong.status, 401);
  await wrong.body?.cancel();
  const right = await app.request("/metrics", {
    headers: { authorization: "Bearer s3cret" },
  });
  assertEquals(right.status, 200);
  assert((await right.text()).includes("nv_inference_count"));
});

const fixture = JSON.parse(
  await Deno.readTextFile(
    new URL("../fixtures/tritonclient_stats.json", import.meta.url),
  ),
);

Deno.test("tritonclient's get_inference_statistics() reads every call's answer, and its refusals", async () => {
  const app = limitedApp();
  const metadata = await (await app.request("/v2")).json();
  assert(metadata.extensions.includes("statistics"), "server metadata");
  for (const call of fixture.calls) {
    const response = await app.request(call.path);
    assertEquals(response.status, 200, call.path);
    const { model_stats } = await response.json();
    assertEquals(model_stats.map((s: { name: string }) => s.name), call.models);
    for (const stat of model_stats) {
      for (const path of fixture.reads) {
        const found = path.split(".").reduce(
          (at: Record<string, unknown>, key: string) =>
            at?.[key] as Record<string, unknown>,
          stat,
        );
        assert(
          typeof found === "number" || typeof found === "string",
          `${call.path}: ${path}`,
        );
      }
      assertEquals(stat.version, "1");
      for (const batch of stat.batch_stats) {
        for (const path of fixture.batchReads) {
          const found = path.split(".").reduce(
            (at: Record<string, unknown>, key: string) =>
              at?.[key] as Record<string, unknown>,
            batch,
          );
          assert(Number.isInteger(found), `${call.path}: ${path}`);
        }
      }
    }
  }
  for (const error of fixture.errors) {
    const response = await app.request(error.path);
    assertEquals(response.status, error.status, error.path);
    assertEquals(typeof (await response.json()).error, "string");
  }
});
