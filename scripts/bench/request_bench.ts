/**
 * Deno.bench of one request's path in-process (`app.fetch`, no sockets): the
 * production app against the bare Hono route of hello_server.ts, for a
 * single-image JSON body, raw bytes and a V2 binary tensor. The CPU time a
 * request costs, without the load generator's noise; `deno task bench:server`
 * measures the same over HTTP with wrk.
 *
 * @module
 */

import { ModelRegistry } from "../../lib/serve/registry.ts";
import {
  encodeBinaryResponse,
  fp32ToBytes,
} from "../../lib/serve/v2_binary.ts";
import { row, toJsonNumbers, unitFromBytes } from "../../lib/tensor.ts";
import { testImages } from "../../lib/mnist/embedded.ts";
import { createApp } from "../../routes/app.ts";
import { helloApp } from "./hello_server.ts";

const models = new ModelRegistry(["mlp"]);
await models.get("mlp");
// as in production, but the rate limit off (one client here) and the log
// written through console.log, which is silenced below
const production = createApp({ models, log: true, console: true });
const hello = helloApp();
const { images } = await testImages();
const bytes = row(images, 0).slice();
const json = JSON.stringify({ pixels: toJsonNumbers(unitFromBytes(bytes)) });
const v2 = encodeBinaryResponse({
  inputs: [{
    name: "pixels",
    shape: [1, 784],
    datatype: "FP32",
    parameters: { binary_data_size: 784 * 4 },
  }],
  outputs: [{ name: "probabilities", parameters: { binary_data: true } }],
}, [fp32ToBytes(unitFromBytes(bytes))]);
const info = { remoteAddr: { hostname: "127.0.0.1" } };
// the request log would print every line: count them instead
console.log = () => {};

function post(path: string, type: string, body: BodyInit, length: number) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": type, "content-length": String(length) },
    body,
  });
}

const cases: [string, () => Request][] = [
  ["JSON", () => post("/api/predict", "application/json", json, json.length)],
  [
    "bytes",
    () => post("/api/predict", "application/octet-stream", bytes, bytes.length),
  ],
];

for (const [name, request] of cases) {
  Deno.bench({
    name: `bare Hono route, ${name}`,
    group: name,
    baseline: true,
    async fn() {
      await (await hello.fetch(request())).arrayBuffer();
    },
  });
  Deno.bench({
    name: `production app, ${name}`,
    group: name,
    async fn() {
      const response = await production.fetch(request(), info);
      if (response.status !== 200) throw new Error(await response.text());
      await response.arrayBuffer();
    },
  });
}

Deno.bench({
  name: "production app, V2 binary",
  group: "bytes",
  async fn() {
    const response = await production.fetch(
      new Request("http://localhost/v2/models/mlp/infer", {
        method: "POST",
        headers: {
          "content-type": "application/octet-stream",
          "inference-header-content-length": String(v2.headerLength),
          "content-length": String(v2.body.length),
        },
        body: v2.body,
      }),
      info,
    );
    if (response.status !== 200) throw new Error(await response.text());
    await response.arrayBuffer();
  },
});
