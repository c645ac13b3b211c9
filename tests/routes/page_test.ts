import {
  assert,
  assertEquals,
  assertMatch,
  assertNotEquals,
  assertNotMatch,
  assertStringIncludes,
} from "@std/assert";
import { buildReport } from "../../lib/evaluate/report.ts";
import { pageRoutes } from "../../routes/page.tsx";

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
  "prediction",
  "probabilities",
  "clear",
  "undo",
  "input-view",
  "gallery",
  "example-11",
  "accuracy",
  "confusion",
  "lang",
  "model-mlp",
  "model-deep-cnn",
  "compare",
  "compare-mlp",
  "compare-deep-cnn",
  "forward-pass",
  "strip-a1",
  "strip-z1",
  "strip-a2",
  "strip-z2",
  "strip-a3",
  "strip-y",
  "shape-W1",
  "shape-W2",
  "shape-W3",
  "batch-shapes",
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

Deno.test("GET / renders the forward pass with the book's weight shapes", async () => {
  const html = await page("/");
  const shapes = { W1: "784×50", W2: "50×100", W3: "100×10" };
  for (const [name, shape] of Object.entries(shapes)) {
    assertMatch(html, new RegExp(`data-testid="shape-${name}">${shape}<`));
  }
  for (
    const formula of ["a1 = x · W1 + b1", "z1 = sigmoid(a1)", "y = softmax(a3)"]
  ) {
    assertStringIncludes(html, formula);
  }
  assertStringIncludes(
    sectionOf(html, "batch-shapes"),
    "N×784 · 784×50 → N×50",
  );
  const cells: [string, number][] = [
    ["a1", 50],
    ["z1", 50],
    ["a2", 100],
    ["z2", 100],
    ["a3", 10],
    ["y", 10],
  ];
  for (const [name, n] of cells) {
    const strip = sectionOf(html, `strip-${name}`);
    assertEquals(strip.match(/<rect /g)?.length, n, name);
  }
  // nothing is drawn yet: empty cells, no values
  assertNotMatch(html, /data-value=/);
  assertMatch(html, /data-testid="compare-mlp"[^>]*>MLP: <b>–<\/b>/);
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
});

Deno.test("GET / has no inline script but the JSON data islands", async () => {
  const html = await page("/");
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  assertEquals(scripts.length, 3);
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

const languageCases: [
  path: string,
  acceptLanguage: string | undefined,
  lang: string,
][] = [
  ["/", undefined, "en"],
  ["/", "en-US,en;q=0.9", "en"],
  ["/", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"],
  ["/", "ko", "ko"],
  ["/", "en-GB,en;q=0.9,ko;q=0.8", "en"],
  ["/", "fr-FR,ko;q=0.5", "ko"],
  ["/", "de-DE,de;q=0.9", "en"],
  ["/?lang=en", "ko-KR,ko;q=0.9", "en"],
  ["/?lang=ko", "en-US", "ko"],
  ["/?lang=xx", "ko-KR", "ko"],
];

for (const [path, acceptLanguage, lang] of languageCases) {
  Deno.test(`GET ${path} with Accept-Language "${acceptLanguage ?? ""}" is in ${lang}`, async () => {
    const html = await page(path, acceptLanguage);
    assertStringIncludes(html, `<html lang="${lang}">`);
    if (lang === "ko") {
      assertStringIncludes(html, "<title>손글씨 숫자 인식기</title>");
      assertStringIncludes(html, "테스트 정확도");
      assertStringIncludes(html, "책의 예: 테스트 이미지 #11");
      assertStringIncludes(html, "MLP 들여다보기: 순전파");
      assertStringIncludes(html, "두 모델의 판단");
    } else {
      assertStringIncludes(html, "<title>Handwritten digit recogniser</title>");
      assertStringIncludes(html, "Test accuracy");
      assertStringIncludes(html, "Book example: test image #11");
      assertStringIncludes(html, "Inside the MLP: the forward pass");
      assertStringIncludes(html, "Both models");
    }
  });
}

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
