/**
 * Tests of `scripts/prerender.ts`.
 *
 * @module
 */

import { assertEquals, assertStringIncludes } from "@std/assert";
import { prerender } from "../../scripts/prerender.ts";
import { ASSETS_SLOT, pageFile, PAGES_MANIFEST } from "../../lib/assets/mod.ts";
import { LANGS } from "../../static/src/texts/lang.ts";

const STALE =
  "static/pages/ is stale: run `deno task build` (or `deno run -P=scripts scripts/prerender.ts`)";

Deno.test("the committed static/pages/ equal the pages rendered from the files as they are", async () => {
  const fresh = await prerender();
  assertEquals(await Deno.readTextFile(PAGES_MANIFEST), fresh.manifest, STALE);
  for (const lang of LANGS) {
    const committed = await Deno.readTextFile(pageFile(lang));
    assertEquals(committed, fresh.pages[lang], `${lang}: ${STALE}`);
  }
});

Deno.test("each committed page leaves its files' URLs as one slot, in its language", async () => {
  const fresh = await prerender();
  for (const lang of LANGS) {
    const page = fresh.pages[lang];
    assertStringIncludes(page, `<html lang="${lang}">`);
    assertStringIncludes(
      page,
      `<script type="application/json" id="assets">${ASSETS_SLOT}</script>`,
    );
    assertEquals(page.split(ASSETS_SLOT).length, 2, lang);
  }
});
