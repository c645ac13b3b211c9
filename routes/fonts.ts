/**
 * GET /static/fonts/:file: the Korean and Japanese font subsets
 * (scripts/fonts.ts), cached
 * for a year when the request names the file's content hash (?v=, as
 * style.css does), revalidated otherwise.
 *
 * @module
 */

import { Hono } from "hono";
import { ClientError } from "../lib/errors.ts";
import {
  FONT_DIR as DIR,
  FONTS,
  pageAssets,
} from "../lib/assets/page_assets.ts";

/** The fonts served, by file name (the service worker keeps them too). */
export { FONTS };

const bodies = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** Reads a font once (relative to this module, so Deno Deploy finds it too). */
function fontBody(name: string): Promise<Uint8Array<ArrayBuffer>> {
  let body = bodies.get(name);
  if (!body) {
    body = Deno.readFile(new URL(name, DIR)).then((bytes) =>
      new Uint8Array(bytes)
    );
    bodies.set(name, body);
    body.catch(() => bodies.delete(name));
  }
  return body;
}

/**
 * The font routes: each font with the version the page's assets name it by
 * (the build's, or hashed at the first request without a build).
 *
 * @throws {ClientError} 404 for a file that is not one of {@linkcode FONTS}.
 */
export function fontRoutes(): Hono {
  const app = new Hono();
  app.get("/static/fonts/:file", async (c) => {
    const name = c.req.param("file");
    if (!FONTS.includes(name)) {
      throw new ClientError(
        404,
        `No font ${JSON.stringify(name)}: the page serves ${FONTS.join(", ")}`,
      );
    }
    const [body, { fonts }] = await Promise.all([
      fontBody(name),
      pageAssets(),
    ]);
    const version = fonts[name];
    const fresh = c.req.query("v") === version;
    return c.body(body, 200, {
      "content-type": "font/woff2",
      "cache-control": fresh
        ? "public, max-age=31536000, immutable"
        : "no-cache",
      "etag": `"${version}"`,
    });
  });
  return app;
}
