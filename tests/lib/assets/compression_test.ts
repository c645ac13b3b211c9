import { assert, assertEquals } from "@std/assert";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { encode, gzipInChunks } from "../../../lib/assets/compression.ts";

const text = new TextEncoder().encode(
  "<p>the same sentence, again and again</p>\n".repeat(400),
);

Deno.test("encode() makes brotli and gzip that decode to the same bytes", () => {
  const br = encode(text, "br");
  const gz = encode(text, "gzip", { quality: 1 });
  assert(br.length < text.length / 10, `brotli: ${br.length}`);
  assert(gz.length < text.length / 10, `gzip: ${gz.length}`);
  assertEquals(new Uint8Array(brotliDecompressSync(br)), text);
  assertEquals(new Uint8Array(gunzipSync(gz)), text);
});

Deno.test("gzipInChunks() makes gzip that decodes to the same bytes", async () => {
  const gz = await gzipInChunks(new Uint8Array(text));
  assertEquals(new Uint8Array(gunzipSync(gz)), text);
});
