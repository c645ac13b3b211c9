import { assert, assertEquals, assertMatch } from "@std/assert";
import { Hono } from "hono";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { testApp } from "../../_app.ts";
import {
  compress,
  COMPRESS_THRESHOLD,
} from "../../../routes/middleware/compress.ts";

const big = { values: Array.from({ length: 2000 }, (_, i) => i % 10) };
const small = { ok: true };

const app = new Hono();
app.use(compress());
app.get("/big", (c) => {
  c.header("etag", '"abc"');
  return c.json(big);
});
app.get("/small", (c) => c.json(small));
app.get("/binary", (c) =>
  c.body(new Uint8Array(4096), 200, {
    "content-type": "application/octet-stream",
  }));
app.get("/encoded", (c) =>
  c.body("already", 200, {
    "content-type": "text/plain",
    "content-encoding": "gzip",
  }));
app.get("/varied", (c) => {
  c.header("vary", "Accept-Language");
  return c.html("<p>hello</p>".repeat(200));
});

function decode(encoding: string | null, bytes: Uint8Array): string {
  const plain = encoding === "br"
    ? brotliDecompressSync(bytes)
    : encoding === "gzip"
    ? gunzipSync(bytes)
    : bytes;
  return new TextDecoder().decode(plain);
}

const cases: [accept: string | undefined, encoding: string | null][] = [
  ["gzip, deflate, br, zstd", "gzip"],
  ["gzip", "gzip"],
  ["br", "br"],
  ["br;q=0, gzip", "gzip"],
  ["gzip;q=0, br", "br"],
  ["identity", null],
  [undefined, null],
];

for (const [accept, encoding] of cases) {
  Deno.test(`compress() sends a large JSON body as ${encoding ?? "it is"} for Accept-Encoding "${accept ?? ""}"`, async () => {
    const headers: HeadersInit = accept ? { "accept-encoding": accept } : {};
    const response = await app.request("/big", { headers });
    assertEquals(response.status, 200);
    assertMatch(
      response.headers.get("content-type") ?? "",
      /^application\/json/,
    );
    assertEquals(response.headers.get("content-encoding"), encoding);
    assertEquals(response.headers.get("vary"), "Accept-Encoding");
    assertEquals(
      response.headers.get("etag"),
      encoding ? `"abc-${encoding}"` : '"abc"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = decode(encoding, bytes);
    assertEquals(JSON.parse(text), big);
    if (encoding) {
      assert(bytes.length < text.length / 4, `${bytes.length} bytes`);
    }
  });
}

Deno.test(`compress() leaves a body under ${COMPRESS_THRESHOLD} bytes as it is, marked Vary`, async () => {
  const response = await app.request("/small", {
    headers: { "accept-encoding": "br, gzip" },
  });
  assertEquals(response.headers.get("content-encoding"), null);
  assertEquals(response.headers.get("vary"), "Accept-Encoding");
  assertEquals(await response.json(), small);
});

Deno.test("compress() leaves binary and already encoded bodies alone", async () => {
  const binary = await app.request("/binary", {
    headers: { "accept-encoding": "br" },
  });
  assertEquals(binary.headers.get("content-encoding"), null);
  assertEquals((await binary.arrayBuffer()).byteLength, 4096);
  const encoded = await app.request("/encoded", {
    headers: { "accept-encoding": "br" },
  });
  assertEquals(encoded.headers.get("content-encoding"), "gzip");
  assertEquals(await encoded.text(), "already");
});

Deno.test("compress() adds Accept-Encoding to the handler's Vary", async () => {
  const response = await app.request("/varied", {
    headers: { "accept-encoding": "gzip" },
  });
  assertEquals(
    response.headers.get("vary"),
    "Accept-Language, Accept-Encoding",
  );
  assertEquals(response.headers.get("content-encoding"), "gzip");
  assertMatch(
    decode("gzip", new Uint8Array(await response.arrayBuffer())),
    /^<p>hello/,
  );
});

Deno.test("the app sends the page as brotli, a traced answer as gzip, a short one as it is", async () => {
  const whole = testApp();
  const page = await whole.request("/", {
    headers: { "accept-encoding": "gzip, deflate, br" },
  });
  assertEquals(page.status, 200);
  assertEquals(page.headers.get("content-encoding"), "br");
  const html = decode("br", new Uint8Array(await page.arrayBuffer()));
  assertMatch(html, /^<!doctype html>/);

  const pixels = Array.from({ length: 784 }, (_, i) => (i % 28) / 28);
  for (const [query, encoding] of [["?activations=true", "gzip"], ["", null]]) {
    const response = await whole.request(`/api/predict${query}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-encoding": "gzip, deflate, br",
      },
      body: JSON.stringify({ pixels }),
    });
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("content-encoding"), encoding, query);
    const answer = JSON.parse(
      decode(encoding, new Uint8Array(await response.arrayBuffer())),
    );
    assertEquals(answer.probabilities.length, 10);
  }
});
