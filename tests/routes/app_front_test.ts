/**
 * Tests of `routes/app.ts`'s front: the page, its files and /api/health
 * answered while the API's routes have not joined yet, and every answer
 * through the edge's middlewares once, before the join and after.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { apiJoined, createApp } from "../../routes/app.ts";
import { testApp } from "../_app.ts";
import "../_worker.ts"; // the inference worker, started before any test

/** The image-11 request of the API's examples. */
const PREDICT: RequestInit = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: Deno.readTextFileSync(
    new URL("../../docs/examples/image-11.json", import.meta.url),
  ),
};

/** An app whose API's routes join only when `join()` is called; its log lines. */
function heldApp(models: ModelRegistry) {
  let join = () => {};
  const lines: string[] = [];
  // the request log writes with console.log as it was when the app was made
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    const app = createApp({
      models,
      log: true,
      console: true,
      apiAfter: new Promise<void>((resolve) => join = resolve),
    });
    return { app, lines, join: () => join() };
  } finally {
    console.log = log;
  }
}

Deno.test("the front answers the page, its files and /api/health before the API's routes have joined", async () => {
  const models = new ModelRegistry(["mlp"]);
  const { app, join, lines } = heldApp(models);
  try {
    {
      const health = await app.request("/api/health");
      assertEquals(health.status, 200);
      assertEquals((await health.json()).status, "ok");
      const page = await app.request("/", {
        headers: { "accept-language": "en" },
      });
      assertEquals(page.status, 200);
      assertMatch(page.headers.get("content-type") ?? "", /^text\/html/);
      assert(page.headers.get("content-security-policy"));
      const html = await page.text();
      const style = html.match(/href="(\/static\/style\.css\?v=\w+)"/)?.[1];
      const css = await app.request(style!);
      assertEquals(css.status, 200);
      await css.body?.cancel();
      const worker = await app.request("/sw.js");
      assertEquals(worker.status, 200);
      await worker.body?.cancel();
    }
    assertEquals(lines.length, 4, lines.join("\n"));
    // still waiting: nothing of the API was imported for these
    let answered = false;
    const predict = Promise.resolve(app.request("/api/predict", PREDICT)).then(
      (r) => {
        answered = true;
        return r;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assertEquals(answered, false, "an API request waits for the API's routes");
    join();
    const response = await predict;
    assertEquals(response.status, 200);
    assertEquals((await response.json()).digit, 6);
  } finally {
    join();
    await apiJoined(app);
    await models.close();
  }
});

Deno.test("a request that waited for the API's routes passes the edge once: one log line, its headers", async () => {
  const models = new ModelRegistry(["mlp"]);
  const { app, join, lines } = heldApp(models);
  try {
    const early = app.request("/api/models/mlp");
    await new Promise((resolve) => setTimeout(resolve, 20));
    join();
    const response = await early;
    assertEquals(response.status, 200);
    await response.body?.cancel();
    assertEquals(response.headers.get("access-control-allow-origin"), "*");
    assertEquals(lines, [lines[0]]);
    assertMatch(lines[0], /^GET \/api\/models\/mlp 200 /);
    // and after the join, the same way
    const later = await app.request("/api/models/mlp");
    await later.body?.cancel();
    assertEquals(lines.length, 2);
  } finally {
    join();
    await apiJoined(app);
    await models.close();
  }
});

Deno.test("a request for the API before its routes joined asks for them: waiting() is called, the front's requests never call it", async () => {
  const models = new ModelRegistry(["mlp"]);
  let join = () => {};
  let waited = 0;
  const app = createApp({
    models,
    apiAfter: new Promise<void>((resolve) => join = resolve),
    // main.ts ends what apiAfter waits for: here, the join itself
    waiting: () => {
      waited++;
      join();
    },
  });
  try {
    await (await app.request("/api/health")).body?.cancel();
    assertEquals(waited, 0);
    const response = await app.request("/api/models/mlp");
    assertEquals(response.status, 200);
    await response.body?.cancel();
    assertEquals(waited, 1);
  } finally {
    join();
    await apiJoined(app);
    await models.close();
  }
});

Deno.test("a path of the front asked with another method is answered by the front, through the edge once", async () => {
  for (
    const [method, path, status] of [
      ["POST", "/", 405],
      ["DELETE", "/api/health", 405],
      ["PUT", "/static/app.js", 405],
      ["GET", "/static/a/b", 404],
    ] as const
  ) {
    const response = await testApp().request(path, { method });
    assertEquals(response.status, status, `${method} ${path}`);
    assert(response.headers.get("content-security-policy"));
    assert(typeof (await response.json()).error === "string");
  }
  await apiJoined(testApp());
  const preflight = await testApp().request("/api/health", {
    method: "OPTIONS",
    headers: {
      origin: "https://example.com",
      "access-control-request-method": "GET",
    },
  });
  assertEquals(preflight.status, 204);
  assertEquals(preflight.headers.get("access-control-allow-origin"), "*");
});

Deno.test("the server's first module graph (main.ts's imports and the front) leaves out the API, the renderer and onnxruntime-web", async () => {
  const root = new URL("../../", import.meta.url);
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  // every script the isolate has loaded, by V8's coverage, after the imports
  // main.ts makes before it listens
  await Deno.writeTextFile(
    script,
    `import { Session } from "node:inspector/promises";
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.startPreciseCoverage", {});
for (const file of ["lib/http/settings.ts", "lib/runtime/worker_session.ts",
  "lib/runtime/registry.ts", "lib/runtime/model_files.ts", "routes/app.ts"]) {
  await import(new URL(file, ${JSON.stringify(root.href)}).href);
}
const { result } = await session.post("Profiler.takePreciseCoverage");
console.log(JSON.stringify(result.map((s) => s.url)));`,
  );
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--config",
        new URL("deno.json", root).pathname,
        script,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(output.success, new TextDecoder().decode(output.stderr));
    const urls: string[] = JSON.parse(new TextDecoder().decode(output.stdout));
    assert(urls.some((url) => url.endsWith("/routes/app.ts")));
    for (
      const left of [
        "/routes/api.ts",
        "/routes/page_html.tsx",
        "/lib/drawings/",
        "/lib/v2/",
        "/lib/input/image.ts",
        "/lib/infer/session.ts",
        "/zod",
        "/preact",
        "/static/render.js",
        "/@opentelemetry/",
        "/adapter/deno/",
        "/onnxruntime-web",
        "/fast-png",
      ]
    ) {
      const found = urls.filter((url) => url.includes(left));
      assertEquals(found, [], `${left} loads before the server listens`);
    }
  } finally {
    await Deno.remove(script);
  }
});
