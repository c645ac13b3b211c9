/**
 * Tests of `lib/assets/page_template.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import {
  ASSETS_SLOT,
  fillAssets,
  scriptJson,
} from "../../../lib/assets/page_template.ts";
import { type AssetUrls, urlsOf } from "../../../lib/assets/page_files.ts";

const size = { bytes: 2, sent: 1 };
const URLS: AssetUrls = urlsOf(
  new Proxy({}, { get: () => "abc" }),
  new Proxy({}, { get: () => size }),
);

Deno.test("fillAssets puts the URLs, as script-safe JSON, in the slot", () => {
  const page =
    `<p>${ASSETS_SLOT}</p><script id="assets">${ASSETS_SLOT}</script>`;
  const filled = fillAssets(page, URLS);
  assertEquals(
    filled,
    `<p>${ASSETS_SLOT}</p><script id="assets">${scriptJson(URLS)}</script>`,
  );
  assertEquals(JSON.parse(filled.slice(filled.indexOf('">') + 2, -9)), URLS);
});

Deno.test("scriptJson cannot close its script element", () => {
  const text = scriptJson({ x: "</script><script>alert(1)</script>\u2028" });
  assertEquals(text.includes("<"), false);
  assertEquals(JSON.parse(text).x, "</script><script>alert(1)</script>\u2028");
});

Deno.test("fillAssets refuses a page without a slot", () => {
  assertThrows(() => fillAssets("<html></html>", URLS), Error, "no slot");
});
