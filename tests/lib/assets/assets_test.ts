import { assert, assertEquals, assertMatch } from "@std/assert";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { contentHash } from "../../../lib/assets/content_hash.ts";
import {
  makeAsset,
  precompressedFile,
  RUNTIME_BROTLI_LIMIT,
  writePrecompressed,
} from "../../../lib/assets/assets.ts";

const text = new TextEncoder().encode("let digit = 7;\n".repeat(500));

Deno.test("makeAsset() compresses a body the build has not, in both encodings", async () => {
  const asset = await makeAsset({
    name: "test-runtime.js",
    type: "text/javascript",
    body: text,
  });
  assertMatch(asset.version, /^[0-9a-f]{12}$/);
  await asset.compress();
  assertEquals(
    new Uint8Array(brotliDecompressSync(asset.encoded("br")!)),
    text,
  );
  assertEquals(new Uint8Array(gunzipSync(asset.encoded("gzip")!)), text);
});

Deno.test("makeAsset() gzips a body over the limit but leaves its brotli to the build", async () => {
  const body = new Uint8Array(RUNTIME_BROTLI_LIMIT + 1).fill(7);
  const asset = await makeAsset({
    name: "test-large.bin",
    type: "application/wasm",
    body,
  });
  await asset.compress();
  assertEquals(asset.encoded("br"), undefined);
  assert(asset.encoded("gzip")!.length < 10_000);
});

Deno.test("makeAsset() drops an encoding that does not make the body smaller", async () => {
  const noise = crypto.getRandomValues(new Uint8Array(2048));
  const asset = await makeAsset({
    name: "test-noise.bin",
    type: "application/octet-stream",
    body: noise,
  });
  await asset.compress();
  assertEquals(asset.encoded("gzip"), undefined);
  assertEquals(asset.encoded("br"), undefined);
});

Deno.test("makeAsset() reads the bodies writePrecompressed() wrote", async () => {
  const name = `test-built-${crypto.randomUUID()}.js`;
  const written = await writePrecompressed(name, text);
  try {
    assertEquals(written.length, 2);
    assertEquals(await writePrecompressed(name, text), [], "rewritten");
    const asset = await makeAsset({
      name,
      type: "text/javascript",
      body: text,
    });
    const version = await contentHash(text);
    // the build's quality-11 brotli, byte for byte
    assertEquals(
      asset.encoded("br"),
      await Deno.readFile(precompressedFile(name, version, "br")),
    );
    assertEquals(new Uint8Array(gunzipSync(asset.encoded("gzip")!)), text);
  } finally {
    for (const file of written) await Deno.remove(file);
  }
});

Deno.test("makeAsset() compresses only when asked, once, and trusts a version it is given", async () => {
  const asset = await makeAsset({
    name: "test-lazy.js",
    type: "text/javascript",
    body: text,
    version: "given0000000",
  });
  assertEquals(asset.version, "given0000000");
  assertEquals(asset.encoded("br"), undefined);
  assertEquals(asset.encoded("gzip"), undefined);
  const first = asset.compress();
  assert(asset.compress() === first, "one compression for every caller");
  await first;
  assert(asset.encoded("br")!.length < text.length / 10);
});
