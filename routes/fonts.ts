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
import { contentHash, FONT_DIR as DIR, FONTS } from "../lib/assets/mod.ts";

/** The fonts served, by file name (the service worker keeps them too). */
export { FONTS };

let files:
  | Promise<Map<string, { body: Uint8Array<ArrayBuffer>; version: string }>>
  | undefined;

/** Reads the fonts once (relative to this module, so Deno Deploy finds them too). */
function fontFiles() {
  files ??= Promise.all(FONTS.map(async (name) => {
    const body = new Uint8Array(await Deno.readFile(new URL(name, DIR)));
    return [name, { body, version: await contentHash(body) }] as const;
  })).then((entries) => new Map(entries));
  return files;
}

/**
 * The font routes.
 *
 * @throws {ClientError} 404 for a file that is not one of {@linkcode FONTS}.
 */
export function fontRoutes(): Hono {
  const app = new Hono();
  app.get("/static/fonts/:file", async (c) => {
    const name = c.req.param("file");
    const file = FONTS.includes(name)
      ? (await fontFiles()).get(name)
      : undefined;
    if (!file) {
      throw new ClientError(
        404,
        `No font ${JSON.stringify(name)}: the page serves ${FONTS.join(", ")}`,
      );
    }
    const fresh = c.req.query("v") === file.version;
    return c.body(file.body, 200, {
      "content-type": "font/woff2",
      "cache-control": fresh
        ? "public, max-age=31536000, immutable"
        : "no-cache",
      "etag": `"${file.version}"`,
    });
  });
  return app;
}
