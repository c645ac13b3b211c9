/**
 * The page's files: GET /static/:file (bundle, engine, styles, wasm, models,
 * gallery data) and GET /sw.js (the service worker), each in the best encoding
 * the client accepts, precompressed, with an ETag; a URL carrying the file's
 * content hash (?v=) is cached for a year.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { ClientError } from "../lib/errors.ts";
import type { Asset } from "../lib/assets/assets.ts";
import { ENCODINGS, pickEncoding } from "../lib/assets/encoding.ts";
import { pageAssets } from "../lib/assets/page_assets.ts";

/** Cache-Control of a URL that names the file's content hash. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/** An ETag without its weak mark and encoding suffix: `W/"abc-br"` → `"abc"`. */
function baseTag(tag: string): string {
  return tag.trim().replace(/^W\//, "").replace(/-(br|gzip)"$/, '"');
}

/**
 * Whether an If-None-Match header names this ETag (or `*`), in any encoding:
 * a 304 sends no body, so the encoding the client kept does not matter.
 */
export function etagMatches(
  ifNoneMatch: string | undefined,
  etag: string,
): boolean {
  if (!ifNoneMatch) return false;
  const wanted = baseTag(etag);
  return ifNoneMatch.split(",").some((tag) =>
    tag.trim() === "*" || baseTag(tag) === wanted
  );
}

/**
 * Answers with an asset in the best encoding the request accepts: brotli,
 * gzip or none, with `Vary: Accept-Encoding` (after the headers in `vary`)
 * and an ETag per encoding (304 when the client has it already).
 */
export function sendAsset(
  c: Context,
  asset: Asset,
  cacheControl: string,
  vary: string[] = [],
): Response {
  const available = ENCODINGS.filter((encoding) => asset.encoded(encoding));
  const encoding = pickEncoding(c.req.header("accept-encoding"), available);
  const etag = `"${asset.version}${encoding ? `-${encoding}` : ""}"`;
  const headers: Record<string, string> = {
    "cache-control": cacheControl,
    "etag": etag,
    "vary": [...vary, "Accept-Encoding"].join(", "),
  };
  if (etagMatches(c.req.header("if-none-match"), etag)) {
    return c.body(null, 304, headers);
  }
  headers["content-type"] = asset.type;
  if (encoding) headers["content-encoding"] = encoding;
  const body = encoding ? asset.encoded(encoding)! : asset.body;
  return c.body(body, 200, headers);
}

/**
 * The routes of the page's files.
 *
 * @throws {ClientError} 404 for a file the page does not use.
 */
export function staticRoutes(): Hono {
  const app = new Hono();

  app.get("/static/:file", async (c) => {
    const name = c.req.param("file");
    const assets = await pageAssets();
    const file = assets.file(name);
    if (!file) {
      throw new ClientError(
        404,
        `No static file ${JSON.stringify(name)}: the page serves ${
          assets.names.join(", ")
        }`,
      );
    }
    const asset = await file;
    const fresh = c.req.query("v") === asset.version;
    return sendAsset(c, asset, fresh ? IMMUTABLE : "no-cache");
  });

  // the worker's scope is its directory: at the root it can serve "/"
  app.get("/sw.js", async (c) => {
    const assets = await pageAssets();
    return sendAsset(c, await assets.serviceWorker(), "no-cache");
  });

  return app;
}
