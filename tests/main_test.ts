/**
 * End to end: the real server over real HTTP, as curl and clients call it.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertFalse,
  assertMatch,
} from "@std/assert";
import { encode } from "fast-png";
import { Buffer } from "node:buffer";
import { type IncomingHttpHeaders, request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { row } from "../lib/tensor.ts";
import { BOOK_IMAGE_11, testImages } from "./_data.ts";
import { startServer } from "./_server.ts";

Deno.test("deno task start serves predictions over HTTP: JSON, image upload, V2 and errors", async () => {
  const server = await startServer();
  try {
    const [images] = await testImages();
    const pixels = [...row(images, 11)];

    const json = await fetch(`${server.url}/api/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ pixels }),
    });
    assertEquals(json.status, 200);
    assertEquals(json.headers.get("content-type"), "application/json");
    const prediction = await json.json();
    assertEquals(prediction.digit, 6);
    BOOK_IMAGE_11.forEach((p, j) =>
      assertAlmostEquals(prediction.probabilities[j], p, 1e-6)
    );

    const rgba = new Uint8Array(28 * 28 * 4);
    pixels.forEach((v, i) => rgba.set([0, 0, 0, Math.round(v * 255)], i * 4));
    const png = await fetch(`${server.url}/api/predict`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: new Uint8Array(encode({ width: 28, height: 28, data: rgba })),
    });
    assertEquals(png.status, 200);
    const fromPng = await png.json();
    assertEquals(fromPng.digit, 6);
    assertEquals(fromPng.input.length, 784);

    const v2 = await fetch(`${server.url}/v2/models/mlp/infer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        inputs: [{
          name: "pixels",
          shape: [1, 784],
          datatype: "FP32",
          data: pixels,
        }],
      }),
    });
    assertEquals(v2.status, 200);
    assertAlmostEquals((await v2.json()).outputs[0].data[6], 0.91198188, 1e-6);

    const bad = await fetch(`${server.url}/api/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    assertEquals(bad.status, 400);
    assert(typeof (await bad.json()).error === "string");

    const concurrent = await Promise.all(
      Array.from(
        { length: 50 },
        (_, i) => fetch(`${server.url}/api/mnist/${i}`).then((r) => r.json()),
      ),
    );
    concurrent.forEach((body, i) => assertEquals(body.index, i));

    // warmed up (routes/warm_up.ts), every step answered, then ready
    let ready: Response | undefined;
    for (let tries = 0; tries < 300; tries++) {
      ready = await fetch(`${server.url}/v2/health/ready`);
      if (ready.status === 200) break;
      await ready.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assertEquals(await ready?.json(), { ready: true });
    assert(/Warmed up in \d+ ms/.test(server.log()), server.log());
    assertFalse(server.log().includes("Warm-up:"), server.log());
  } finally {
    await server.stop();
  }
});

/** Waits until the server says it is ready (warmed up). */
async function ready(url: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const response = await fetch(`${url}/v2/health/ready`);
    await response.body?.cancel();
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server never said it was ready");
}

/** An answer as it came over the wire: node:http decodes no Content-Encoding. */
function onTheWire(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } =
    {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: init.method ?? "GET",
      headers: init.headers,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

Deno.test("deno task start compresses answers as the client accepts (Deno.serve's own), and sends the page's files precompressed, untouched", async () => {
  const server = await startServer();
  try {
    const [images] = await testImages();
    const body = JSON.stringify({ pixels: [...row(images, 11)] });
    const predict = (query: string, accept?: string) =>
      onTheWire(`${server.url}/api/predict${query}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(accept ? { "accept-encoding": accept } : {}),
        },
        body,
      });
    const decode = { br: brotliDecompressSync, gzip: gunzipSync };
    for (
      const [query, accept, encoding] of [
        ["?activations=true", "gzip, deflate, br", "br"],
        ["?activations=true", "gzip", "gzip"],
        ["", "gzip, deflate, br", "br"], // one image's short answer too
        ["", undefined, undefined],
      ] as const
    ) {
      const answer = await predict(query, accept);
      const label = `${query} ${accept}`;
      assertEquals(answer.status, 200, label);
      assertEquals(answer.headers["content-encoding"], encoding, label);
      const text = encoding ? decode[encoding](answer.body) : answer.body;
      assertEquals(JSON.parse(text.toString()).digit, 6, label);
      if (encoding) {
        assertMatch(String(answer.headers.vary), /accept-encoding/i);
      }
    }
    // the page and its script: precompressed once (by the build, or by the
    // warm-up, before the server says it is ready), their strong ETag kept
    await ready(server.url);
    const page = await onTheWire(`${server.url}/`, {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    assertEquals(page.headers["content-encoding"], "br");
    assertMatch(String(page.headers.etag), /^"[^"]+-br"$/);
    const html = brotliDecompressSync(page.body).toString();
    const script = /src="(\/static\/app\.js\?v=\w+)"/.exec(html)?.[1];
    assert(script, "the page names its script");
    const app = await onTheWire(server.url + script, {
      headers: { "accept-encoding": "gzip" },
    });
    assertEquals(app.headers["content-encoding"], "gzip");
    assertMatch(String(app.headers.etag), /^"[^"]+-gzip"$/);
    assertMatch(gunzipSync(app.body).toString(), /preact|createElement|\w/);
  } finally {
    await server.stop();
  }
});

Deno.test("the server's module graph holds no converter code", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "main.ts"],
    cwd: new URL("..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(output.success, new TextDecoder().decode(output.stderr));
  const graph = JSON.parse(new TextDecoder().decode(output.stdout));
  const specifiers: string[] = graph.modules.map((m: { specifier: string }) =>
    m.specifier
  );
  assert(specifiers.some((s) => s.endsWith("/lib/runtime/registry.ts")));
  for (const converter of ["pickleparser", "onnx-proto"]) {
    const found = specifiers.filter((s) => s.includes(converter));
    assertEquals(found, [], `${converter} is in the server's graph`);
  }
  const ours = specifiers.filter((s) => s.includes("/lib/convert/"));
  assertEquals(ours, [], "lib/convert/ is in the server's graph");
});

Deno.test("readers' drawings outlive a restart: written, server stopped, started again on the same KV file, all read back", async () => {
  // under data/ (git-ignored), which is where deno task start may write
  const folder = `data/test-${crypto.randomUUID()}`;
  const root = new URL("..", import.meta.url);
  const env = { KV_PATH: `${folder}/drawings.sqlite3` };
  try {
    const [images, labels] = await testImages();
    const written = [];
    let server = await startServer(env);
    try {
      for (const index of [0, 8, 11]) {
        const response = await fetch(`${server.url}/api/drawings`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            pixels: [...row(images, index)],
            label: labels.data[index],
            consent: true,
          }),
        });
        assertEquals(response.status, 201);
        written.push(await response.json());
      }
    } finally {
      await server.stop();
    }
    const before = written.map(({ id, predictions }) => ({ id, predictions }));

    server = await startServer(env);
    try {
      const page = await (await fetch(`${server.url}/api/drawings`)).json();
      assertEquals(
        page.drawings.map(({ id, predictions }: typeof before[0]) => ({
          id,
          predictions,
        })),
        before.toReversed(),
      );
      page.drawings.toReversed().forEach(
        (drawing: { label: number; pixels: number[] }, i: number) => {
          const index = [0, 8, 11][i];
          assertEquals(drawing.label, labels.data[index]);
          assertEquals(
            drawing.pixels,
            [...row(images, index)].map((v) =>
              Number(Math.fround(v).toPrecision(9))
            ),
          );
        },
      );
      const stats = await (await fetch(`${server.url}/api/drawings/stats`))
        .json();
      assertEquals(stats.count, 3);
      assertEquals(stats.models.mlp.correct, 2, "the MLP misreads image 8");
      const deleted = await fetch(
        `${server.url}/api/drawings/${written[1].id}`,
        {
          method: "DELETE",
          headers: { "x-delete-token": written[1].deleteToken },
        },
      );
      assertEquals(deleted.status, 204, "the token still deletes it");
      await deleted.body?.cancel();
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(new URL(folder, root), { recursive: true }).catch(
      () => {},
    );
  }
});
