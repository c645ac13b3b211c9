/**
 * Tests of `routes/page.ts`.
 *
 * @module
 */

import {
  assert,
  assertEquals,
  assertMatch,
  assertNotEquals,
  assertNotMatch,
  assertStringIncludes,
} from "@std/assert";
import { buildReport } from "../../lib/evaluate/mod.ts";
import { makeAsset, pageAssets } from "../../lib/assets/mod.ts";
import { pageRoutes } from "../../routes/page.ts";

/** A report like the book's: 10,000 images, 648 misread, accuracy 0.9352. */
function bookLikeReport(model = "mlp") {
  const labels = Array.from({ length: 10000 }, (_, i) => i % 10);
  const digits = labels.map((d, i) => i < 648 ? (d + 1) % 10 : d);
  return buildReport({ model, labels, digits, batchSize: 100, seconds: 0.5 });
}

const app = pageRoutes({ report: () => Promise.resolve(bookLikeReport()) });

async function page(path: string, acceptLanguage?: string) {
  const headers: HeadersInit = acceptLanguage
    ? { "accept-language": acceptLanguage }
    : {};
  const response = await app.request(path, { headers });
  assertEquals(response.status, 200);
  assertMatch(response.headers.get("content-type") ?? "", /^text\/html/);
  return await response.text();
}

const HOOKS = [
  "canvas",
  "getting-ready",
  "verdict",
  "prediction",
  "try-example",
  "announcer",
  "clear",
  "undo",
  "gallery",
  "gallery-item",
  "example-11",
  "accuracy",
  "confusion",
  "confusion-cell",
  "lang",
  "lang-ko",
  "lang-en",
  "lang-ja",
  "model-mlp",
  "model-deep-cnn",
  "explainer",
  "layers",
  "not-certainty",
  "forward-pass",
  "batch-shapes",
  "footer",
  "book-code",
  "book-code-ko",
  "openapi",
  "curl",
];

Deno.test("GET / renders the whole page with every test hook", async () => {
  const html = await page("/");
  assertMatch(html, /^<!doctype html>/);
  assertStringIncludes(html, '<meta name="viewport"');
  for (const hook of HOOKS) {
    assertStringIncludes(html, `data-testid="${hook}"`, hook);
  }
  assertMatch(html, /data-testid="prediction"[^>]*><\/output>/);
  assertMatch(html, /data-testid="accuracy"[^>]*>93\.52%</);
});

/** The opening tag of the element with a test hook. */
function tagOf(html: string, testid: string): string {
  const [tag = ""] = html.match(
    new RegExp(`<[a-z]+ [^>]*data-testid="${testid}"[^>]*>`),
  ) ?? [];
  assertNotEquals(tag, "", `no element with data-testid="${testid}"`);
  return tag;
}

/** The markup from a test hook's element up to the next hook or list item. */
function sectionOf(html: string, testid: string): string {
  const start = html.indexOf(`data-testid="${testid}"`);
  assert(start >= 0, `no data-testid="${testid}"`);
  const ends = ["data-testid=", "</li>"]
    .map((end) => html.indexOf(end, start + 1))
    .filter((i) => i >= 0);
  return html.slice(start, Math.min(html.length, ...ends));
}

Deno.test("GET / renders the model switch as buttons, the MLP pressed", async () => {
  const html = await page("/");
  for (const [model, pressed] of [["mlp", true], ["deep-cnn", false]]) {
    const tag = tagOf(html, `model-${model}`);
    assertMatch(tag, /^<button type="button"/);
    assertStringIncludes(tag, `aria-pressed="${pressed}"`);
  }
  assertMatch(html, /role="group" aria-labelledby="model-label"/);
  assertMatch(html, /data-testid="accuracy"[^>]*>93\.52%</);
});

Deno.test("GET / shows the panels that have something to show, and no more", async () => {
  const html = await page("/");
  // nothing is drawn yet: no answer, no strips, no values, no unsure state
  for (
    const hook of ["probabilities", "input-view", "compare", "unsure", "lab"]
  ) {
    assertNotMatch(html, new RegExp(`data-testid="${hook}"`), hook);
  }
  assertNotMatch(html, /data-testid="strip-/);
  assertNotMatch(html, /data-value=/);
  assertStringIncludes(
    sectionOf(html, "batch-shapes"),
    "N×784 · 784×50 → N×50",
  );
  // the overview comes before the forward pass, the report before the gallery
  const order = ["canvas", "layers", "forward-pass", "confusion", "gallery"]
    .map((hook) => html.indexOf(`data-testid="${hook}"`));
  assertEquals(order, [...order].sort((x, y) => x - y));
  // the pad says it is getting ready until the script takes over
  assertMatch(tagOf(html, "clear"), /disabled/);
});

Deno.test("GET / makes each non-empty confusion cell a button naming its pair", async () => {
  const html = await page("/");
  const cells = [
    ...html.matchAll(/<button [^>]*data-testid="confusion-cell"[^>]*>/g),
  ];
  // bookLikeReport: each digit read right, or as the next digit
  assertEquals(cells.length, 20);
  assertMatch(
    html,
    /data-label="0" data-predicted="1"[^>]*>65<span class="visually-hidden">: label 0, answer 1</,
  );
});

Deno.test("GET / links the book's code, the OpenAPI document and a curl line", async () => {
  const html = await page("/");
  assertStringIncludes(
    tagOf(html, "book-code"),
    'href="https://github.com/oreilly-japan/deep-learning-from-scratch"',
  );
  assertStringIncludes(
    tagOf(html, "book-code-ko"),
    'href="https://github.com/WegraLee/deep-learning-from-scratch"',
  );
  assertStringIncludes(tagOf(html, "openapi"), 'href="/api/openapi.json"');
  assertMatch(
    html,
    /data-testid="curl">curl -s http:\/\/localhost:8000\/api\/mnist\/11</,
  );
});

Deno.test("GET / makes the confusion matrix one grid with one Tab stop", async () => {
  const html = await page("/");
  const start = html.indexOf('<table class="confusion" role="grid"');
  assert(start >= 0, "no grid");
  const grid = html.slice(start, html.indexOf("</table>", start));
  assertEquals(grid.match(/tabindex="0"/g)?.length, 1);
  assertEquals(grid.match(/role="gridcell"/g)?.length, 100);
});

Deno.test("GET / links the stylesheet and the script with content hashes", async () => {
  const html = await page("/");
  assertMatch(
    html,
    /<link rel="stylesheet" href="\/static\/style\.css\?v=[0-9a-f]{12}">/,
  );
  assertMatch(
    html,
    /<script type="module" src="\/static\/app\.js\?v=[0-9a-f]{12}"><\/script>/,
  );
  // the strokes drawn before hydration are kept by a script that runs first
  assertMatch(
    html,
    /<script src="\/static\/early\.js\?v=[0-9a-f]{12}" defer><\/script>\n<script type="module"/,
  );
  assertStringIncludes(html, '<meta name="color-scheme" content="light dark">');
});

Deno.test("GET / has no inline script but the JSON data islands", async () => {
  const html = await page("/");
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  // early.js, app.js, the app's props and the files it loads later
  assertEquals(scripts.length, 4);
  for (const [, attributes, body] of scripts) {
    assert(
      /\ssrc="/.test(attributes) && body === "" ||
        /type="application\/json"/.test(attributes),
      `inline script: <script${attributes}>`,
    );
  }
});

Deno.test("GET / has no style attribute, so a CSP of style-src 'self' holds", async () => {
  const html = await page("/");
  assertNotMatch(html, /\sstyle=/);
  assertNotMatch(html, /<style/);
});

Deno.test("GET / serialises the report and language for hydration", async () => {
  const html = await page("/?lang=ko");
  const [, json = ""] = html.match(
    /<script type="application\/json" id="app-props">([\s\S]*?)<\/script>/,
  ) ?? [];
  assertNotEquals(json, "", "no data island");
  assertEquals(JSON.parse(json), {
    lang: "ko",
    report: bookLikeReport(),
  });
});

Deno.test("GET / escapes the data island so a report cannot end the script", async () => {
  const evil = pageRoutes({
    report: () =>
      Promise.resolve(bookLikeReport("</script><script>alert(1)</script>")),
  });
  const html = await (await evil.request("/")).text();
  assertNotMatch(html, /<script>alert/);
  assertStringIncludes(html, "\\u003c/script>\\u003cscript>alert(1)");
});

/** The page's "assets" island: the URLs it loads after its first paint. */
function assetsOf(html: string) {
  const [, json = "null"] = html.match(
    /<script type="application\/json" id="assets">([\s\S]*?)<\/script>/,
  ) ?? [];
  return JSON.parse(json);
}

Deno.test("GET / names the engine, wasm, models and gallery data by content hash", async () => {
  const files = assetsOf(await page("/"));
  const hashed = (name: string) =>
    new RegExp(`^/static/${name.replace(".", "\\.")}\\?v=[0-9a-f]{12}$`);
  assertMatch(files.app, hashed("app.js"));
  assertMatch(files.early, hashed("early.js"));
  assertMatch(files.style, hashed("style.css"));
  assertMatch(files.engine, hashed("engine.js"));
  assertMatch(files.wasm, hashed("ort-wasm-simd-threaded.wasm"));
  assertMatch(files.models.mlp, hashed("mlp.onnx"));
  assertMatch(files.models["deep-cnn"], hashed("deep-cnn.onnx"));
  assertMatch(files.gallery, hashed("gallery.json"));
  // only the bundle loads with the page; the engine waits for the page to be interactive
  assertNotMatch(html(await page("/")), /engine\.js\?v=[^"]*"><\/script>/);
});

function html(text: string) {
  return text.replace(
    /<script type="application\/json"[\s\S]*?<\/script>/g,
    "",
  );
}

Deno.test("GET / has an ETag per language, and a request naming it gets a 304", async () => {
  const first = await app.request("/?lang=en");
  const etag = first.headers.get("etag") ?? "";
  assertMatch(etag, /^"[0-9a-f]{12}"$/);
  await first.body?.cancel();
  const again = await app.request("/?lang=en");
  assertEquals(again.headers.get("etag"), etag, "rendered differently");
  await again.body?.cancel();
  const korean = await app.request("/?lang=ko");
  assertNotEquals(korean.headers.get("etag"), etag);
  await korean.body?.cancel();
  for (const tag of [etag, `W/${etag}`, etag.replace(/"$/, '-br"')]) {
    const cached = await app.request("/?lang=en", {
      headers: { "if-none-match": tag },
    });
    assertEquals(cached.status, 304, tag);
    assertEquals(cached.headers.get("etag"), etag);
    assertEquals(await cached.text(), "");
  }
  const stale = await app.request("/?lang=en", {
    headers: { "if-none-match": '"000000000000"' },
  });
  assertEquals(stale.status, 200);
  await stale.body?.cancel();
});

Deno.test("GET / sends the page the build rendered for its language, and renders the others", async () => {
  const assets = await pageAssets();
  const built = await makeAsset({
    name: "page.en.html",
    type: "text/html; charset=UTF-8",
    body: new TextEncoder().encode("<!doctype html><p>as built"),
    version: "b0b0b0b0b0b0",
  });
  const prebuilt = pageRoutes({
    report: () => Promise.resolve(bookLikeReport()),
    built: true,
    assets: () =>
      Promise.resolve({
        ...assets,
        page: (lang) => lang === "en" ? Promise.resolve(built) : undefined,
      }),
  });
  const en = await prebuilt.request("/?lang=en");
  assertEquals(await en.text(), "<!doctype html><p>as built");
  assertEquals(en.headers.get("etag"), '"b0b0b0b0b0b0"');
  const ko = await prebuilt.request("/?lang=ko");
  assertStringIncludes(await ko.text(), '<html lang="ko">');
  // not for another report than the build's: rendered here
  const own = await app.request("/?lang=en");
  assertStringIncludes(await own.text(), '<html lang="en">');
});
