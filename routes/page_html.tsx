/**
 * The page's HTML: the Preact app rendered on the server in one language,
 * with its props and the URLs of the files it loads. `deno task build`
 * renders it once per language; a server without a build renders it at its
 * first visit (routes/page.ts).
 *
 * @module
 */

import { renderToString } from "preact-render-to-string";
import type { AssetUrls } from "../lib/assets/page_files.ts";
import {
  ASSETS_SLOT,
  fillAssets,
  scriptJson,
} from "../lib/assets/page_template.ts";
import { App, type AppProps } from "../static/src/components/app.tsx";
import { TEXTS } from "../static/src/texts/mod.ts";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The whole HTML document: server-rendered app, two data islands (the app's
 * props; the URLs of the files the page loads later), no inline script.
 */
export function pageHtml(props: AppProps, urls: AssetUrls): string {
  return fillAssets(pageTemplate(props, urls), urls);
}

/**
 * The HTML document with the URLs of the files the page loads later left
 * as a slot (lib/assets/page_template.ts): what scripts/prerender.ts keeps.
 * `head` names the files its head loads.
 */
export function pageTemplate(
  props: AppProps,
  head: Pick<AssetUrls, "style" | "early" | "app">,
): string {
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
<link rel="stylesheet" href="${head.style}">
<script src="${head.early}" defer></script>
<script type="module" src="${head.app}"></script>
</head>
<body>
<div id="app">${renderToString(<App {...props} />)}</div>
<script type="application/json" id="app-props">${scriptJson(props)}</script>
<script type="application/json" id="assets">${ASSETS_SLOT}</script>
</body>
</html>
`;
}
