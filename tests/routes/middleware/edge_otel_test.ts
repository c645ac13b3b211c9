/**
 * Tests of the traces `routes/middleware/edge.ts` makes through Deno's
 * built-in OpenTelemetry, and of the JSON request log: the real server runs
 * with `OTEL_DENO=true`, exporting OTLP/HTTP JSON to a receiver here.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import {
  freePort,
  startServer,
} from "../../../scripts/bench/server_process.ts";

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP JSON receiver: the spans it got so far. */
function receiver(port: number) {
  const spans: Span[] = [];
  const server = Deno.serve(
    { port, hostname: "127.0.0.1", onListen() {} },
    async (request) => {
      const body = await request.json();
      if (new URL(request.url).pathname === "/v1/traces") {
        for (const resource of body.resourceSpans ?? []) {
          for (const scope of resource.scopeSpans ?? []) {
            spans.push(...scope.spans);
          }
        }
      }
      return Response.json({});
    },
  );
  return { spans, close: () => server.shutdown() };
}

const attribute = (span: Span, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};

Deno.test({
  name:
    "with OTEL_DENO=true a prediction's span has its http.route and children for body, decoding, queue and compute; the JSON log carries its trace id",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const otlp = freePort();
    const collected = receiver(otlp);
    const server = await startServer({
      env: {
        OTEL_DENO: "true",
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${otlp}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        OTEL_SERVICE_NAME: "mnist-test",
        LOG: "1",
        LOG_FORMAT: "json",
      },
      waitFor: "/v2/health/ready",
    });
    try {
      const png = await Deno.readFile(
        new URL("../../../docs/examples/seven.png", import.meta.url),
      );
      const answer = await fetch(`${server.url}/api/predict`, {
        method: "POST",
        headers: { "content-type": "image/png" },
        body: png,
      });
      assertEquals((await answer.json()).digit, 7);
      let request: Span | undefined;
      let children: Span[] = [];
      for (let tries = 0; tries < 100; tries++) {
        request = collected.spans.find((span) =>
          attribute(span, "http.route") === "/api/predict"
        );
        children = collected.spans.filter((span) =>
          request && span.parentSpanId === request.spanId
        );
        if (children.length >= 4) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert(request, "the request's span, with http.route");
      const span = request!;
      assertEquals(span.name, "POST /api/predict");
      const names = children.map((span) => span.name).sort();
      assertEquals(names, [
        "batch queue",
        "compute",
        "decode image",
        "read body",
      ]);
      for (const child of children) {
        assertEquals(child.traceId, span.traceId);
      }
      const compute = children.find((span) => span.name === "compute")!;
      assertEquals(attribute(compute, "model"), "mlp");
      assertEquals(Number(attribute(compute, "images")), 1);
      assert(Number(attribute(compute, "batch.size")) >= 1);
      const decode = children.find((span) => span.name === "decode image")!;
      assertEquals(attribute(decode, "format"), "png");
      // the log line of that request, one JSON object found by its trace id
      let line: Record<string, unknown> | undefined;
      for (let tries = 0; tries < 50 && !line; tries++) {
        line = server.log().split("\n").filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l))
          .find((entry) => entry.trace_id === span.traceId);
        if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert(line, `a JSON log line:\n${server.log().slice(-2000)}`);
      const entry = line!;
      assertEquals(entry.method, "POST");
      assertEquals(entry.status, 200);
      assertEquals(entry.model, "mlp");
      assertEquals(entry.images, 1);
      assertEquals(entry.trace_id, span.traceId);
      assert(/^[0-9a-f]{8}$/.test(String(entry.client)), "a hashed client key");
      assert(!JSON.stringify(entry).includes("127.0.0.1"), "no address");
    } finally {
      await server.stop();
      await collected.close();
    }
  },
});
