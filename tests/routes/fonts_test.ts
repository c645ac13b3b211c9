import { assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { contentHash } from "../../lib/assets/mod.ts";
import { onError } from "../../routes/errors.ts";
import { fontRoutes, FONTS } from "../../routes/fonts.ts";

const app = fontRoutes().onError(onError);
const STYLE = await Deno.readTextFile(
  new URL("../../static/style.css", import.meta.url),
);

for (const file of FONTS) {
  Deno.test(`GET /static/fonts/${file} at style.css's URL is WOFF2, cached for a year`, async () => {
    const bytes = await Deno.readFile(
      new URL(`../../static/fonts/${file}`, import.meta.url),
    );
    const [url = ""] = STYLE.match(
      new RegExp(`/static/fonts/${file.replace(/\./g, "\\.")}\\?v=[0-9a-f]+`),
    ) ?? [];
    assertEquals(url, `/static/fonts/${file}?v=${await contentHash(bytes)}`);
    const response = await app.request(url);
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("content-type"), "font/woff2");
    assertStringIncludes(response.headers.get("cache-control")!, "immutable");
    const body = new Uint8Array(await response.arrayBuffer());
    assertEquals(new TextDecoder().decode(body.subarray(0, 4)), "wOF2");
    assertEquals(body, bytes);
    const stale = await app.request(`/static/fonts/${file}?v=old`);
    assertEquals(stale.headers.get("cache-control"), "no-cache");
    await stale.body?.cancel();
  });
}

Deno.test("GET /static/fonts/ of another file is a 404", async () => {
  for (const name of ["x.woff2", "..%2Fapp.js", "noto-sans-kr-400.otf"]) {
    const response = await app.request(`/static/fonts/${name}`);
    assertEquals(response.status, 404);
    assertMatch(await response.text(), /No font/);
  }
});
