/**
 * The demo page: GET / renders the Preact app on the server (in the visitor's
 * language) and GET /static/:file serves the client bundle and the stylesheet.
 *
 * @module
 */

import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { renderToString } from "preact-render-to-string";
import type { Report } from "../lib/evaluate/report.ts";
import { App, type AppProps } from "../static/src/components/app.tsx";
import { pickLang } from "../static/src/components/lang.ts";
import { TEXTS } from "../static/src/components/texts.ts";

/** Options of {@linkcode pageRoutes}. */
export interface PageOptions {
  /** The evaluation report the page shows (accuracy, confusion, misreads). */
  report: () => Promise<Report>;
}

/** The files under static/ that the page loads, with their content types. */
export const STATIC_TYPES: Record<string, string> = {
  "app.js": "text/javascript; charset=utf-8",
  "early.js": "text/javascript; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
};

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  /** A short content hash, for cache-busting URLs. */
  version: string;
}

let files: Promise<Record<string, StaticFile>> | undefined;

/** Reads the static files once (relative to this module, so Deno Deploy finds them too). */
function staticFiles(): Promise<Record<string, StaticFile>> {
  files ??= Promise.all(
    Object.keys(STATIC_TYPES).map(async (name) => {
      const body = new Uint8Array(
        await Deno.readFile(new URL(`../static/${name}`, import.meta.url)),
      );
      const digest = new Uint8Array(
        await crypto.subtle.digest("SHA-256", body),
      );
      const version = Array.from(digest.slice(0, 6))
        .map((b) => b.toString(16).padStart(2, "0")).join("");
      return [name, { body, version }] as const;
    }),
  ).then(Object.fromEntries);
  return files;
}

/** JSON safe inside a <script> element: no `<` can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The whole HTML document: server-rendered app, data island, no inline script. */
function documentHtml(props: AppProps, versions: Record<string, string>) {
  const texts = TEXTS[props.lang];
  return `<!doctype html>
<html lang="${props.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(texts.title)}</title>
<meta name="description" content="${escapeHtml(texts.subtitle)}">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%232563eb'/%3E%3Ctext x='16' y='24' font-size='22' font-family='sans-serif' font-weight='700' text-anchor='middle' fill='white'%3E6%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="/static/style.css?v=${versions["style.css"]}">
<script src="/static/early.js?v=${versions["early.js"]}" defer></script>
<script type="module" src="/static/app.js?v=${versions["app.js"]}"></script>
</head>
<body>
<div id="app">${renderToString(<App {...props} />)}</div>
<script type="application/json" id="app-props">${scriptJson(props)}</script>
</body>
</html>
`;
}

/**
 * The page's routes: `GET /` (the server-rendered demo, Korean or English by
 * `?lang=ko|en`, else by Accept-Language) and `GET /static/:file`.
 *
 * @throws {HTTPException} 404 for a static file the page does not use.
 */
export function pageRoutes(options: PageOptions): Hono {
  const app = new Hono();

  app.get("/", async (c) => {
    const lang = pickLang({
      query: c.req.query("lang"),
      acceptLanguage: c.req.header("accept-language"),
    });
    const versions = Object.fromEntries(
      Object.entries(await staticFiles()).map(([name, f]) => [name, f.version]),
    );
    c.header("vary", "Accept-Language");
    c.header("cache-control", "no-cache");
    return c.html(
      documentHtml({ lang, report: await options.report() }, versions),
    );
  });

  app.get("/static/:file", async (c) => {
    const name = c.req.param("file");
    const file = Object.hasOwn(STATIC_TYPES, name)
      ? (await staticFiles())[name]
      : undefined;
    if (!file) {
      throw new HTTPException(404, {
        message: `No static file ${JSON.stringify(name)}: the page serves ${
          Object.keys(STATIC_TYPES).join(", ")
        }`,
      });
    }
    const fresh = c.req.query("v") === file.version;
    return c.body(file.body, 200, {
      "content-type": STATIC_TYPES[name],
      "cache-control": fresh
        ? "public, max-age=31536000, immutable"
        : "no-cache",
      "etag": `"${file.version}"`,
    });
  });

  return app;
}
