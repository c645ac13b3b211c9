/**
 * Tests of `lib/assets/build_manifest.ts`, and of the page's assets read
 * from a manifest (`builtPageAssets()` of page_assets.ts).
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import {
  type BuildManifest,
  builtFile,
  builtPageAssets,
  contentHash,
  precompressedFile,
  readManifest,
  writePrecompressed,
} from "../../../lib/assets/mod.ts";

/** Writes a made file's bodies as the build does; the files to remove after. */
async function made(name: string, body: Uint8Array) {
  const version = await contentHash(body);
  const written = await writePrecompressed(name, body);
  await Deno.writeFile(builtFile(name, version), body);
  return { version, files: [...written, builtFile(name, version)] };
}

Deno.test("readManifest() is undefined without a manifest or with one that does not read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(
      await readManifest(new URL(`file://${dir}/none.json`)),
      undefined,
    );
    await Deno.writeTextFile(`${dir}/bad.json`, "{not json");
    assertEquals(
      await readManifest(new URL(`file://${dir}/bad.json`)),
      undefined,
    );
    await Deno.writeTextFile(`${dir}/other.json`, '{"build": "x"}');
    assertEquals(
      await readManifest(new URL(`file://${dir}/other.json`)),
      undefined,
    );
    const manifest = { build: "b", files: {}, pages: {} };
    await Deno.writeTextFile(`${dir}/ok.json`, JSON.stringify(manifest));
    assertEquals(
      await readManifest(new URL(`file://${dir}/ok.json`)),
      manifest as never,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("builtPageAssets() serves what the manifest names, with its versions, hashing nothing", async () => {
  const id = crypto.randomUUID().slice(0, 8);
  const html = new TextEncoder().encode(
    `<!doctype html><p>${"built page ".repeat(300)}`,
  );
  const page = await made(`page.test-${id}.html`, html);
  const style = await Deno.readFile(
    new URL("../../../static/style.css", import.meta.url),
  );
  const manifest: BuildManifest = {
    build: "0123456789ab",
    files: {
      // a version the content does not hash to: taken as the manifest says
      "style.css": {
        type: "text/css; charset=utf-8",
        version: "feedfacecafe",
        bytes: style.length,
        sent: style.length,
      },
    },
    fonts: { "noto-sans-kr-400.woff2": "abcdefabcdef" },
    serviceWorker: {
      type: "text/javascript",
      version: "000000000000",
      bytes: 0,
      sent: 0,
      made: true,
    },
    pages: {
      [`test-${id}`]: {
        type: "text/html; charset=UTF-8",
        version: page.version,
        bytes: html.length,
        sent: html.length,
        made: true,
      },
    },
    report: "r",
  };
  try {
    const assets = builtPageAssets(manifest);
    assertEquals(assets.build, manifest.build);
    assertEquals(assets.urls.style, "/static/style.css?v=feedfacecafe");
    assertEquals(assets.names, ["style.css"]);
    assertEquals(assets.file("app.js"), undefined);
    const css = (await assets.file("style.css"))!;
    assertEquals(css.version, "feedfacecafe");
    assertEquals(css.body, style);
    const built = (await assets.page(`test-${id}`))!;
    assertEquals(built.body, html);
    assertEquals(built.version, page.version);
    // the build's own brotli, as written
    assertEquals(
      built.encoded("br"),
      await Deno.readFile(
        precompressedFile(`page.test-${id}.html`, page.version, "br"),
      ),
    );
    assert(assets.page("xx") === undefined);
    assertEquals(assets.fonts, manifest.fonts);
  } finally {
    for (const file of page.files) await Deno.remove(file);
  }
});
