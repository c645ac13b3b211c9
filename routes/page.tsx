/**
 * The demo page: GET / renders the Preact app on the server (in the visitor's
 * language), once per language and build, with an ETag; the files it loads
 * are served by routes/static_files.ts (and the Korean and Japanese fonts by
 * routes/fonts.ts).
 *
 * @module
 */

import { Hono } from "hono";
import { renderToString } from "preact-render-to-string";
import type { Report } from "../lib/evaluate/mod.ts";
import {
  type Asset,
  type AssetUrls,
  makeAsset,
  pageAssets,
} from "../lib/assets/mod.ts";
import { App, type AppProps } from "../static/src/components/app.tsx";
import { pickLang, TEXTS } from "../static/src/texts/mod.ts";
import { sendAsset, staticRoutes } from "./static_files.ts";

/** Options of {@linkcode pageRoutes}. */
export interface PageOptions {
  /** The evaluation report the page shows (accuracy, confusion, misreads). */
  report: () => Promise<Report>;
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

/**
 * The whole HTML document: server-rendered app, two data islands (the app's
 * props; the URLs of the files the page loads later), no inline script.
 */
function documentHtml(props: AppProps, urls: AssetUrls) {
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
<link rel="stylesheet" href="${urls.style}">
<script src="${urls.early}" defer></script>
<script type="module" src="${urls.app}"></script>
</head>
<body>
<div id="app">${renderToString(<App {...props} />)}</div>
<script type="application/json" id="app-props">${scriptJson(props)}</script>
<script type="application/json" id="assets">${scriptJson(urls)}</script>
</body>
</html>
`;
}

/**
 * The page's routes: `GET /` (the server-rendered demo, in Korean, English
 * or Japanese by `?lang=ko|en|ja`, else by Accept-Language) and the files it loads
 * ({@linkcode staticRoutes}). The HTML is rendered and compressed once per
 * language, report and build; a request that names its ETag gets a 304.
 */
export function pageRoutes(options: PageOptions): Hono {
  const app = new Hono();
  const rendered = new Map<string, Promise<Asset>>();
  let renderedFor: [Report, AssetUrls] | undefined;

  async function render(lang: AppProps["lang"]): Promise<Asset> {
    const [report, { urls }] = await Promise.all([
      options.report(),
      pageAssets(),
    ]);
    if (renderedFor?.[0] !== report || renderedFor[1] !== urls) {
      rendered.clear();
      renderedFor = [report, urls];
    }
    let page = rendered.get(lang);
    if (!page) {
      // compressed once (a few ms), then sent as it is to every visitor
      page = makeAsset({
        name: `page.${lang}.html`,
        type: "text/html; charset=UTF-8",
        body: new TextEncoder().encode(documentHtml({ lang, report }, urls)),
      }).then(async (asset) => (await asset.ready, asset));
      rendered.set(lang, page);
    }
    return await page;
  }

  app.get("/", async (c) => {
    const lang = pickLang({
      query: c.req.query("lang"),
      acceptLanguage: c.req.header("accept-language"),
    });
    return sendAsset(c, await render(lang), "no-cache", ["Accept-Language"]);
  });

  app.route("/", staticRoutes());
  return app;
}
