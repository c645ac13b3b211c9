/**
 * Brotli and gzip: the page's files are compressed once, by the build at the
 * highest quality, else by the server's warm-up (lib/assets/assets.ts) at a
 * quality that costs little time. The answers made per request are left to
 * Deno.serve.
 *
 * @module
 */

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Encoding } from "./encoding.ts";

/** Options of {@linkcode encode}. */
export interface EncodeOptions {
  /**
   * How hard to try: brotli 0–11, gzip 1–9. By default the most (the build's
   * setting); answers made per request pass a low one.
   */
  quality?: number;
}

/**
 * Compresses bytes with one encoding. Synchronous, and brotli at quality 11
 * is slow, so large bodies are compressed at build, not per request.
 */
export function encode(
  bytes: Uint8Array,
  encoding: Encoding,
  options: EncodeOptions = {},
): Uint8Array<ArrayBuffer> {
  if (encoding === "br") {
    return new Uint8Array(brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: options.quality ?? 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }));
  }
  return new Uint8Array(gzipSync(bytes, { level: options.quality ?? 9 }));
}

/**
 * Gzips bytes through the built-in CompressionStream, in chunks, so a large
 * body (onnxruntime's wasm) does not hold the event loop.
 */
export async function gzipInChunks(
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
