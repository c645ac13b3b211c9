import { assert, assertEquals } from "@std/assert";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  encode,
  type Encoding,
  gzipInChunks,
  pickEncoding,
} from "../../../lib/assets/compression.ts";

const cases: [
  string | undefined,
  Encoding[] | undefined,
  Encoding | undefined,
][] = [
  ["gzip, deflate, br, zstd", undefined, "br"],
  ["gzip, deflate", undefined, "gzip"],
  ["br;q=0, gzip", undefined, "gzip"],
  ["BR;Q=0.5", undefined, "br"],
  ["identity", undefined, undefined],
  ["*", undefined, "br"],
  ["*, br;q=0", undefined, "gzip"],
  ["gzip;q=0, *;q=0", undefined, undefined],
  ["", undefined, undefined],
  [undefined, undefined, undefined],
  ["gzip, br", ["gzip"], "gzip"],
  ["br", ["gzip"], undefined],
  ["br;q=nonsense, gzip", undefined, "gzip"],
];

for (const [header, available, expected] of cases) {
  Deno.test(`pickEncoding(${JSON.stringify(header)}, ${available ?? "all"}) is ${expected}`, () => {
    assertEquals(pickEncoding(header, available), expected);
  });
}

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
