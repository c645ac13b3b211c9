/**
 * Tests of `lib/assets/prerendered.ts`.
 *
 * @module
 */

import { assert, assertEquals, assertFalse } from "@std/assert";
import {
  readCommittedPages,
  readPageAssets,
  reportVersion,
  sameFiles,
} from "../../../lib/assets/mod.ts";
import type { AssetUrls } from "../../../lib/assets/page_files.ts";
import { readReport } from "../../../lib/runtime/mod.ts";
import { DEFAULT_MODEL } from "../../../lib/models.ts";

/** The URLs with each size's bytes only. */
function bytesOnly(urls: AssetUrls) {
  return JSON.parse(
    JSON.stringify(urls, (key, value) => key === "sent" ? undefined : value),
  );
}

const report = async () => await reportVersion(await readReport(DEFAULT_MODEL));

Deno.test("the committed pages name the files as a server without a build reads them", async () => {
  const [pages, read] = await Promise.all([
    readCommittedPages(await report()),
    readPageAssets(),
  ]);
  if (!pages) throw new Error("the committed pages are not current");
  assertEquals(pages.versions, read.versions);
  // as sent: each file's own bytes without a build, its brotli body with one
  assertEquals(bytesOnly(pages.urls), bytesOnly(read.urls));
  assert(sameFiles(pages, read.versions));
  assertEquals(
    (await pages.template("ko")).slice(0, 32),
    '<!doctype html>\n<html lang="ko">',
  );
});

Deno.test("committed pages are not sent for another report, nor once a file changed", async () => {
  assertEquals(await readCommittedPages("0123456789ab"), undefined);
  const pages = (await readCommittedPages(await report()))!;
  const versions = { ...pages.versions, "mlp.onnx": "0123456789ab" };
  assertFalse(sameFiles(pages, versions));
  const fewer = { ...pages.versions };
  delete fewer["gallery.json"];
  assertFalse(sameFiles(pages, fewer));
});
