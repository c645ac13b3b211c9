import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  assetUrl,
  ENGINE_FILES,
  GALLERY_NAME,
  pageAssets,
  readPageAssets,
  readPageFiles,
  serviceWorkerSource,
  STATIC_FILES,
  TEST_SET_NAME,
  WASM_NAME,
  WEIGHTS_NAME,
} from "../../../lib/assets/page_assets.ts";
import { contentHash } from "../../../lib/assets/content_hash.ts";
import { ORT_WASM_URL } from "../../../lib/runtime/model_files.ts";
import { statVersion } from "../../../lib/assets/lazy_files.ts";
import { MNIST_DIR, MNIST_FILES } from "../../../lib/mnist/load_mnist.ts";

Deno.test("readPageFiles() reads the scripts, styles, wasm, both models, the gallery, the MLP's weights and the test set", async () => {
  const files = await readPageFiles();
  assertEquals(
    files.map((file) => file.name).sort(),
    [
      ...Object.keys(STATIC_FILES),
      WASM_NAME,
      "mlp.onnx",
      "deep-cnn.onnx",
      GALLERY_NAME,
      WEIGHTS_NAME,
      TEST_SET_NAME,
    ].sort(),
  );
  const wasm = files.find((file) => file.name === WASM_NAME)!;
  assertEquals(wasm.type, "application/wasm");
  // "\0asm": a WebAssembly module
  assertEquals([...wasm.body.subarray(0, 4)], [0, 97, 115, 109]);
});

Deno.test("readPageAssets() names every file by its content hash, and pageAssets() reads them once per process", async () => {
  assertEquals(await pageAssets(), await pageAssets());
  const assets = await readPageAssets();
  assertEquals(
    [...assets.names].sort(),
    (await readPageFiles()).map((file) => file.name).sort(),
  );
  for (const name of assets.names) {
    const asset = (await assets.file(name))!;
    // the wasm and the test set go by their sources' sizes and times
    // (below, and lazy_files_test.ts)
    if (name === WASM_NAME || name === TEST_SET_NAME) continue;
    assertEquals(asset.version, await contentHash(asset.body));
    assertEquals(assetUrl(asset), `/static/${asset.name}?v=${asset.version}`);
  }
  assertEquals(assets.file("deno.json"), undefined);
  assertEquals(assets.urls.wasm, assetUrl((await assets.file(WASM_NAME))!));
  assertEquals(
    assets.urls.models.mlp,
    assetUrl((await assets.file("mlp.onnx"))!),
  );
  assertMatch(assets.build, /^[0-9a-f]{12}$/);
});

Deno.test("readPageAssets() gives the engine's files' sizes as they are and as sent, compressed once the warm-up has compressed them", async () => {
  // as a server without a build has them once its warm-up has compressed
  // them (with a build: the build's sizes, build_manifest_test.ts)
  const assets = await readPageAssets();
  for (const name of ENGINE_FILES) await (await assets.file(name))!.compress();
  await assets.refresh!();
  const { engine, wasm, models, testSet } = assets.urls.sizes;
  const file = async (name: string) => (await assets.file(name))!;
  assertEquals(wasm.bytes, (await file(WASM_NAME)).body.length);
  assertEquals(models.mlp.bytes, (await file("mlp.onnx")).body.length);
  assertEquals(engine.bytes, (await file("engine.js")).body.length);
  // the wasm compresses to a sixth or less, brotli or gzip
  const built = await file(WASM_NAME);
  const sent = built.encoded("br") ?? built.encoded("gzip");
  assertEquals(wasm.sent, sent?.length);
  assert(wasm.sent < wasm.bytes / 3, `${wasm.sent} of ${wasm.bytes}`);
  assert(models["deep-cnn"].sent <= models["deep-cnn"].bytes);
  // the test set (7.9 MB of bytes and labels) is sent gzipped
  assertEquals(testSet.bytes, 16 + 10000 * 784 + 8 + 10000);
  assert(testSet.sent < testSet.bytes / 3, `${testSet.sent}`);
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

Deno.test("readPageAssets() names the wasm by its size and time, and reads it only when asked", async () => {
  const assets = await readPageAssets();
  const { size, mtime } = await Deno.stat(ORT_WASM_URL);
  assertEquals(
    assets.urls.wasm,
    `/static/${WASM_NAME}?v=${await contentHash(
      new TextEncoder().encode(`${WASM_NAME}:${size}:${mtime?.getTime()}`),
    )}`,
  );
  const wasm = (await assets.file(WASM_NAME))!;
  assertEquals(wasm.body.length, size);
  assertEquals(assetUrl(wasm), assets.urls.wasm);
});

Deno.test("readPageAssets() names the test set by its IDX files' sizes and times, with its size, before it is made", async () => {
  const assets = await readPageAssets();
  const { version, bytes } = await statVersion(
    TEST_SET_NAME,
    MNIST_FILES.test.map((name) => new URL(name, MNIST_DIR)),
  );
  assertEquals(assets.urls.testSet, `/static/${TEST_SET_NAME}?v=${version}`);
  assertEquals(assets.urls.sizes.testSet, { bytes, sent: bytes });
  const file = (await assets.file(TEST_SET_NAME))!;
  assertEquals(file.body.length, bytes);
  assertEquals(assetUrl(file), assets.urls.testSet);
});
