/**
 * The demo page: GET / in the visitor's language, as `deno task build`
 * rendered it, or without a build as committed in static/pages/ (its files'
 * URLs filled in: lib/assets/prerendered.ts) while that is current, or else
 * rendered here on the first visit in that language (routes/page_html.tsx,
 * loaded then) and kept; each with an ETag. The files
 * it loads are served by routes/static_files.ts (and the Korean and Japanese
 * fonts by routes/fonts.ts).
 *
 * @module
 */

import { Hono } from "hono";
import type { Report } from "../lib/evaluate/mod.ts";
import { type Asset, makeAsset } from "../lib/assets/assets.ts";
import {
  type AssetUrls,
  buildManifest,
  type PageAssets,
  pageAssets,
  pageAssetsIfRead,
  reportVersion,
} from "../lib/assets/page_assets.ts";
import { fillAssets } from "../lib/assets/page_template.ts";
import {
  type CommittedPages,
  readCommittedPages,
  sameFiles,
} from "../lib/assets/prerendered.ts";
import { type Lang, pickLang } from "../static/src/texts/lang.ts";
import { sendAsset, staticRoutes } from "./static_files.ts";

/** Options of {@linkcode pageRoutes}. */
export interface PageOptions {
  /** The evaluation report the page shows (accuracy, confusion, misreads). */
  report: () => Promise<Report>;
  /**
   * Whether the pages the build rendered may be sent: they show the report
   * of model/report.json, so only when `report` reads that file (as the
   * app's does). Rendered here otherwise.
   */
  built?: boolean;
  /** The page's assets ({@linkcode pageAssets} by default: once per process). */
  assets?: () => Promise<PageAssets>;
}

let renderer: Promise<typeof import("./page_html.tsx")> | undefined;

/**
 * The renderer (routes/page_html.tsx: Preact, the page's components), loaded
 * when first needed, from its bundle (scripts/bundle.ts): one module to read
 * rather than ninety.
 */
function loadRenderer() {
  renderer ??= import("../static/render.js") as Promise<
    typeof import("./page_html.tsx")
  >;
  renderer.catch(() => renderer = undefined);
  return renderer;
}

const HTML = "text/html; charset=UTF-8";

/** Renders the page in `lang` for `report`, as an asset (not compressed yet). */
async function render(
  lang: Lang,
  report: Report,
  urls: AssetUrls,
): Promise<Asset> {
  const { pageHtml } = await loadRenderer();
  return await makeAsset({
    name: `page.${lang}.html`,
    type: HTML,
    body: new TextEncoder().encode(pageHtml({ lang, report }, urls)),
  });
}

/**
 * The committed pages (lib/assets/prerendered.ts) for the report `report`
 * gives: a function of a language that gives its page with its files' URLs
 * (as the server has read them, once it has), or undefined when there is
 * none current.
 */
function committedPages(
  report: () => Promise<Report>,
): (lang: Lang) => Promise<Asset | undefined> {
  let committed: Promise<CommittedPages | undefined> | undefined;
  const filled = new Map<Lang, { urls: AssetUrls; asset: Promise<Asset> }>();
  return async (lang) => {
    committed ??= report().then(reportVersion)
      .then(readCommittedPages).catch(() => undefined);
    const pages = await committed;
    if (!pages) return undefined;
    const read = pageAssetsIfRead();
    if (read && !sameFiles(pages, read.versions)) {
      console.error(
        "static/pages/ was rendered with other files than these: the page is rendered here (run deno task build)",
      );
      committed = Promise.resolve(undefined);
      return undefined;
    }
    const urls = read?.urls ?? pages.urls;
    let kept = filled.get(lang);
    if (kept?.urls !== urls) {
      const asset = pages.template(lang).then((template) =>
        makeAsset({
          name: `page.${lang}.html`,
          type: HTML,
          body: new TextEncoder().encode(fillAssets(template, urls)),
        })
      );
      kept = { urls, asset };
      filled.set(lang, kept);
      asset.catch(() => filled.delete(lang));
    }
    return await kept.asset;
  };
}

/**
 * The page's routes: `GET /` (the server-rendered demo, in Korean, English
 * or Japanese by `?lang=ko|en|ja`, else by Accept-Language) and the files it
 * loads ({@linkcode staticRoutes}). A request that names the page's ETag
 * gets a 304. A page rendered here is sent as it is (Deno.serve compresses
 * it as the client accepts) until the warm-up compressed it.
 */
export function pageRoutes(options: PageOptions): Hono {
  const app = new Hono();
  const rendered = new Map<Lang, Promise<Asset>>();
  let renderedFor: [Report, AssetUrls] | undefined;

  const committedPage = committedPages(options.report);

  async function page(lang: Lang): Promise<Asset> {
    // without a build, the committed page (nothing rendered, read or hashed
    // but it and the files its head loads)
    if (options.built && !options.assets && !await buildManifest()) {
      const early = await committedPage(lang).catch(() => undefined);
      if (early) return early;
    }
    const reading = (options.assets ?? pageAssets)();
    // without the build's pages, the renderer loads while the files are read
    if (!options.built || !await buildManifest()) loadRenderer();
    const assets = await reading;
    const built = options.built ? assets.page(lang) : undefined;
    if (built) return await built;
    const report = await options.report();
    if (renderedFor?.[0] !== report || renderedFor[1] !== assets.urls) {
      rendered.clear();
      renderedFor = [report, assets.urls];
    }
    let made = rendered.get(lang);
    if (!made) {
      made = render(lang, report, assets.urls);
      rendered.set(lang, made);
      made.catch(() => rendered.delete(lang));
    }
    return await made;
  }

  app.get("/", async (c) => {
    const lang = pickLang({
      query: c.req.query("lang"),
      acceptLanguage: c.req.header("accept-language"),
    });
    const asset = await page(lang);
    // compressed once, after this first answer (sent as it is meanwhile)
    asset.compress().catch((error) =>
      console.error(`Compressing ${asset.name}:`, error)
    );
    return sendAsset(c, asset, "no-cache", ["Accept-Language"]);
  });

  app.route("/", staticRoutes());
  return app;
}
