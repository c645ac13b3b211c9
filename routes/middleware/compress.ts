/**
 * Compresses the answers made per request — the API's JSON, error pages —
 * with gzip (or brotli) when the client accepts it. Static files and the page
 * arrive here already encoded (compressed once) and pass untouched.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { encode, type Encoding, pickEncoding } from "../../lib/assets/mod.ts";

/** Bodies below this many bytes go as they are: compressing them saves less than it costs. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * The encodings of answers made per request, preferred first: gzip (level 6)
 * costs half of brotli's time on a JSON answer for 2% more bytes
 * (docs/BENCHMARKS.md); brotli (quality 4) where gzip is not accepted.
 */
export const DYNAMIC_ENCODINGS: readonly Encoding[] = ["gzip", "br"];

/** Brotli quality per request, where gzip is not accepted. */
export const DYNAMIC_BROTLI_QUALITY = 4;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg)/;

/** Statuses whose answers have no body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/** Options of {@linkcode compress}. */
export interface CompressOptions {
  /** The smallest body compressed, in bytes; {@linkcode COMPRESS_THRESHOLD} by default. */
  threshold?: number;
}

/**
 * Compresses text and JSON answers of at least `threshold` bytes in the best
 * encoding the request's Accept-Encoding allows, and marks every such answer
 * `Vary: Accept-Encoding` (whether or not it was compressed).
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler {
  const { threshold = COMPRESS_THRESHOLD } = options;
  return async (c, next) => {
    await next();
    const response = c.res;
    const type = response.headers.get("content-type") ?? "";
    // `response.body` is not looked at: reading that getter turns a string
    // body into a stream, and Deno then sends every answer the slow way
    if (
      c.req.method === "HEAD" || NO_BODY.has(response.status) ||
      !COMPRESSIBLE.test(type) || response.headers.has("content-encoding")
    ) return;
    const vary = response.headers.get("vary");
    if (!vary?.toLowerCase().includes("accept-encoding")) {
      response.headers.set(
        "vary",
        vary ? `${vary}, Accept-Encoding` : "Accept-Encoding",
      );
    }
    const encoding = pickEncoding(
      c.req.header("accept-encoding"),
      DYNAMIC_ENCODINGS,
    );
    if (!encoding) return;
    const body = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    let sent: Uint8Array<ArrayBuffer> = body;
    if (body.length >= threshold) {
      const quality = encoding === "br" ? DYNAMIC_BROTLI_QUALITY : 6;
      sent = encode(body, encoding, { quality });
      headers.set("content-encoding", encoding);
      headers.delete("content-length");
      const etag = headers.get("etag");
      if (etag?.endsWith('"')) {
        headers.set("etag", `${etag.slice(0, -1)}-${encoding}"`);
      }
    }
    c.res = undefined;
    c.res = new Response(sent, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
