import { assert, assertEquals, assertNotEquals } from "@std/assert";
import {
  lazyTestSet,
  lazyWasm,
  statVersion,
} from "../../../lib/assets/lazy_files.ts";
import { decodeTestSet } from "../../../lib/mnist/test_set_file.ts";
import { testImages } from "../../../lib/mnist/embedded.ts";

Deno.test("statVersion() changes with a source's size or time, and sums the sizes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const [a, b] = [new URL(`file://${dir}/a`), new URL(`file://${dir}/b`)];
    await Deno.writeFile(a, new Uint8Array(3));
    await Deno.writeFile(b, new Uint8Array(4));
    const first = await statVersion("x", [a, b]);
    assertEquals(first.bytes, 7);
    assertEquals(await statVersion("x", [a, b]), first);
    assertNotEquals((await statVersion("y", [a, b])).version, first.version);
    await Deno.utime(a, 1, 1);
    assertNotEquals((await statVersion("x", [a, b])).version, first.version);
    await Deno.writeFile(b, new Uint8Array(5));
    assertEquals((await statVersion("x", [a, b])).bytes, 8);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("lazyTestSet() knows the file's size before making it, and makes it once, when asked", async () => {
  const file = await lazyTestSet();
  assert(!file.wasRead());
  const asset = await file.read();
  assert(file.wasRead());
  assertEquals(await file.read(), asset);
  assertEquals(asset.body.length, file.bytes);
  assertEquals(asset.version, file.version);
  const { images, labels, count } = decodeTestSet(asset.body);
  const test = await testImages();
  assertEquals(count, 10000);
  assertEquals(images, test.images.data);
  assertEquals(labels, test.labels);
});

Deno.test("lazyWasm() names onnxruntime-web's wasm with its size", async () => {
  const file = await lazyWasm();
  const asset = await file.read();
  assertEquals(asset.body.length, file.bytes);
  assertEquals(asset.type, "application/wasm");
});
