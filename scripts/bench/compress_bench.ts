/**
 * deno task bench: what compressing an answer costs per request (routes/middleware/compress.ts)
 * — the page's HTML and a traced /api/predict answer, through the whole app,
 * with and without Accept-Encoding — and the encodings alone.
 *
 * @module
 */

import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { encode } from "../../lib/assets/mod.ts";
import { DYNAMIC_BROTLI_QUALITY } from "../../routes/middleware/compress.ts";
import { createApp } from "../../routes/app.ts";

const app = createApp({ models: new ModelRegistry() });
const pixels = Array.from({ length: 784 }, (_, i) => (i % 28) / 28);
const body = JSON.stringify({ pixels });

async function traced(acceptEncoding: string) {
  const response = await app.request("/api/predict?activations=true", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-encoding": acceptEncoding,
    },
    body,
  });
  return new Uint8Array(await response.arrayBuffer());
}

async function page(acceptEncoding: string) {
  const response = await app.request("/", {
    headers: { "accept-encoding": acceptEncoding },
  });
  return new Uint8Array(await response.arrayBuffer());
}

const answer = await traced("identity");
const html = await page("identity");
console.log(
  `traced answer ${answer.length} B → br ${
    (await traced("br")).length
  } B, gzip ${(await traced("gzip")).length} B; page ${html.length} B → br ${
    (await page("br")).length
  } B, gzip ${(await page("gzip")).length} B`,
);

for (
  const [name, bytes] of [["traced answer", answer], ["page", html]] as const
) {
  Deno.bench({
    name: `${name}: brotli ${DYNAMIC_BROTLI_QUALITY}`,
    group: `encode ${name}`,
    baseline: true,
    fn: () => void encode(bytes, "br", { quality: DYNAMIC_BROTLI_QUALITY }),
  });
  Deno.bench({
    name: `${name}: gzip 6`,
    group: `encode ${name}`,
    fn: () => void encode(bytes, "gzip", { quality: 6 }),
  });
}

for (const accept of ["identity", "br", "gzip"]) {
  Deno.bench({
    name: `POST /api/predict?activations=true, Accept-Encoding: ${accept}`,
    group: "traced predict through the app",
    baseline: accept === "identity",
    fn: async () => void await traced(accept),
  });
  Deno.bench({
    name: `GET /, Accept-Encoding: ${accept}`,
    group: "the page through the app",
    baseline: accept === "identity",
    fn: async () => void await page(accept),
  });
}
