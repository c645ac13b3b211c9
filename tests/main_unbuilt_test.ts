/**
 * End to end: `deno task start` in a clone that was never built sends the
 * page committed in static/pages/ (lib/assets/prerendered.ts) — the same
 * bytes it would render itself — and renders it itself once a file the
 * page names has changed since.
 *
 * @module
 */

import { assert, assertEquals, assertFalse } from "@std/assert";
import { unbuiltCopy } from "../scripts/bench/unbuilt_copy.ts";
import { startServer } from "../scripts/bench/server_process.ts";
import { contentHash } from "../lib/assets/content_hash.ts";

const MARK = "<!-- as committed -->";

/** The server in `root` started, and its first answer to GET /?lang=ja. */
async function firstPage(root: string): Promise<string> {
  const server = await startServer({ root, waitFor: "/?lang=ja" });
  try {
    const response = await fetch(`${server.url}/?lang=ja`, {
      headers: { "accept-encoding": "identity" },
    });
    assertEquals(response.status, 200);
    return await response.text();
  } finally {
    await server.stop();
  }
}

Deno.test("a clone without a build sends the committed page, as it would render it, until a file it names changes", async () => {
  const root = await unbuiltCopy();
  const file = (path: string) => `${root}/${path}`;
  try {
    const committed = await Deno.readTextFile(
      file("static/pages/page.ja.html"),
    );
    // marked, so that the page sent shows where it came from
    await Deno.writeTextFile(
      file("static/pages/page.ja.html"),
      committed.replace("<body>", `<body>${MARK}`),
    );
    const sent = await firstPage(root);
    assert(sent.includes(MARK), "the committed page was not sent");

    await Deno.remove(file("static/pages/pages.json"));
    const rendered = await firstPage(root);
    assertFalse(rendered.includes(MARK));
    assertEquals(sent.replace(MARK, ""), rendered);

    await Deno.writeTextFile(
      file("static/pages/page.ja.html"),
      committed.replace("<body>", `<body>${MARK}`),
    );
    await Deno.copyFile(
      new URL("../static/pages/pages.json", import.meta.url),
      file("static/pages/pages.json"),
    );
    const style = await Deno.readFile(file("static/style.css"));
    const changed = new Uint8Array([
      ...style,
      ...new TextEncoder().encode("/* changed */\n"),
    ]);
    await Deno.remove(file("static/style.css")); // a copy of its own, not the link
    await Deno.writeFile(file("static/style.css"), changed);
    const after = await firstPage(root);
    assertFalse(after.includes(MARK), "a stale committed page was sent");
    assert(
      after.includes(`/static/style.css?v=${await contentHash(changed)}`),
      "the page does not name the stylesheet as it is",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
