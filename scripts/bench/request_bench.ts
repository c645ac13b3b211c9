/**
 * Deno.bench of one request's path in-process (`app.fetch`, no sockets): the
 * production app against the bare Hono route of hello_server.ts, for a
 * single-image JSON body, raw bytes and a V2 binary tensor, and the JSON one
 * without the edge's counting (metrics, statistics). The CPU time a
 * request costs, without the load generator's noise; `deno task bench:server`
 * measures the same over HTTP with wrk.
 *
 * @module
 */

import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { createApp } from "../../routes/app.ts";
import { helloApp } from "./hello_server.ts";
import { type Post, postRequest, requestBodies } from "./tools.ts";

const models = new ModelRegistry(["mlp"]);
await models.get("mlp");
// as in production, but the rate limit off (one client here) and the log
// written through console.log, which is silenced below
// the request log would print every line
console.log = () => {};
const production = createApp({ models, log: true, console: true });
// the same without the edge's counting (the metrics and statistics)
const uncounted = createApp({
  models,
  log: true,
  console: true,
  observe: false,
});
const hello = helloApp();
const bodies = await requestBodies();
const info = { remoteAddr: { hostname: "127.0.0.1" } };

const cases: [string, Post][] = [
  ["JSON", bodies.json],
  ["bytes", bodies.bytes],
];

for (const [name, post] of cases) {
  Deno.bench({
    name: `bare Hono route, ${name}`,
    group: name,
    baseline: true,
    async fn() {
      await (await hello.fetch(postRequest(post))).arrayBuffer();
    },
  });
  Deno.bench({
    name: `production app, ${name}`,
    group: name,
    async fn() {
      const response = await production.fetch(postRequest(post), info);
      if (response.status !== 200) throw new Error(await response.text());
      await response.arrayBuffer();
    },
  });
}

Deno.bench({
  name: "production app without the edge's counting, JSON",
  group: "JSON",
  async fn() {
    const response = await uncounted.fetch(postRequest(bodies.json), info);
    if (response.status !== 200) throw new Error(await response.text());
    await response.arrayBuffer();
  },
});

Deno.bench({
  name: "production app, V2 binary",
  group: "bytes",
  async fn() {
    const response = await production.fetch(
      postRequest(bodies["v2-binary"]),
      info,
    );
    if (response.status !== 200) throw new Error(await response.text());
    await response.arrayBuffer();
  },
});
