import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  assetUrl,
  GALLERY_NAME,
  pageAssets,
  readPageFiles,
  serviceWorkerSource,
  STATIC_FILES,
  WASM_NAME,
} from "../../../lib/assets/page_assets.ts";
import { contentHash } from "../../../lib/assets/content_hash.ts";

Deno.test("readPageFiles() reads the scripts, styles, wasm, both models and the gallery", async () => {
  const files = await readPageFiles();
  assertEquals(
    files.map((file) => file.name).sort(),
    [
      ...Object.keys(STATIC_FILES),
      WASM_NAME,
      "mlp.onnx",
      "deep-cnn.onnx",
      GALLERY_NAME,
    ].sort(),
  );
  const wasm = files.find((file) => file.name === WASM_NAME)!;
  assertEquals(wasm.type, "application/wasm");
  // "\0asm": a WebAssembly module
  assertEquals([...wasm.body.subarray(0, 4)], [0, 97, 115, 109]);
});

Deno.test("pageAssets() names every file by its content hash, once per process", async () => {
  const assets = await pageAssets();
  assertEquals(await pageAssets(), assets);
  for (const asset of Object.values(assets.files)) {
    assertEquals(asset.version, await contentHash(asset.body));
    assertEquals(assetUrl(asset), `/static/${asset.name}?v=${asset.version}`);
  }
  assertEquals(assets.urls.wasm, assetUrl(assets.files[WASM_NAME]));
  assertEquals(assets.urls.models.mlp, assetUrl(assets.files["mlp.onnx"]));
  assertMatch(assets.build, /^[0-9a-f]{12}$/);
});

Deno.test("pageAssets() gives the engine's files' sizes as they are and as sent, compressed", async () => {
  const { urls, files } = await pageAssets();
  const { engine, wasm, models } = urls.sizes;
  assertEquals(wasm.bytes, files[WASM_NAME].body.length);
  assertEquals(models.mlp.bytes, files["mlp.onnx"].body.length);
  assertEquals(engine.bytes, files["engine.js"].body.length);
  // the wasm compresses to a sixth or less, brotli or gzip, and is ready
  // before the page names it
  const sent = files[WASM_NAME].encoded("br") ??
    files[WASM_NAME].encoded("gzip");
  assertEquals(wasm.sent, sent?.length);
  assert(wasm.sent < wasm.bytes / 3, `${wasm.sent} of ${wasm.bytes}`);
  assert(models["deep-cnn"].sent <= models["deep-cnn"].bytes);
});

Deno.test("serviceWorkerSource() stamps the worker with the build and the files to keep", () => {
  const source = serviceWorkerSource(
    "abc123",
    ["/", "/static/a.js?v=1"],
    "go();",
  );
  assertEquals(
    source,
    'self.BUILD = {"version":"abc123","precache":["/","/static/a.js?v=1"]};\ngo();',
  );
  assert(source.endsWith("go();"));
});
