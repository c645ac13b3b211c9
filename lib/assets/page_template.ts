/**
 * Where the page's HTML holds the URLs of the files it loads: a slot filled
 * when the page is sent, since a server without a build names the wasm and
 * the test set by their sources' sizes and times on its own machine
 * (lazy_files.ts). The rest of the page is rendered once, ahead of time
 * (prerendered.ts) or at the first visit (routes/page.ts).
 *
 * @module
 */

import type { AssetUrls } from "./page_files.ts";

/** The slot, inside the page's `<script type="application/json" id="assets">`. */
export const ASSETS_SLOT = "/*assets*/";

/**
 * JSON safe inside a `<script>` element: no `<` can close it.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { scriptJson } from "./page_template.ts";
 *
 * assertEquals(scriptJson({ a: "</script>" }), '{"a":"\\u003c/script>"}');
 * ```
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The page with the URLs of its files in its slot.
 *
 * @throws {Error} When `template` has no slot.
 */
export function fillAssets(template: string, urls: AssetUrls): string {
  const at = template.lastIndexOf(ASSETS_SLOT);
  if (at < 0) throw new Error("The page has no slot for its files' URLs");
  return template.slice(0, at) + scriptJson(urls) +
    template.slice(at + ASSETS_SLOT.length);
}
