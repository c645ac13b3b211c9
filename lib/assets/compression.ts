/**
 * Content encodings the server sends: brotli and gzip, chosen from a
 * request's Accept-Encoding. Static files are compressed once (at build, at
 * the highest quality, or at first use); HTML and JSON answers on the fly, at
 * a quality that costs little time.
 *
 * @module
 */

import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** The encodings served, best first. */
export const ENCODINGS = ["br", "gzip"] as const;

/** A content encoding the server sends. */
export type Encoding = typeof ENCODINGS[number];

/**
 * The best encoding that `Accept-Encoding` allows (brotli before gzip), or
 * undefined for none. A coding with `q=0` is refused; `*` stands for any
 * coding not named.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(pickEncoding("gzip, deflate, br"), "br");
 * assertEquals(pickEncoding("br;q=0, gzip"), "gzip");
 * assertEquals(pickEncoding(undefined), undefined);
 * ```
 */
export function pickEncoding(
  acceptEncoding: string | null | undefined,
  available: readonly Encoding[] = ENCODINGS,
): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...parameters] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let q = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.trim().split("=");
      if (key === "q") q = Number(value);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  const any = weights.get("*");
  return available.find((encoding) => (weights.get(encoding) ?? any ?? 0) > 0);
}

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
