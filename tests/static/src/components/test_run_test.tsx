import { assert, assertEquals, assertMatch } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import { TestRun } from "../../../../static/src/components/test_run.tsx";
import { LANGS, TEXTS } from "../../../../static/src/texts/mod.ts";

/** The book's loop, ch03/neuralnet_mnist_batch.py, as the page shows it. */
const BOOK_LOOP = [
  "x, t = get_data()",
  "network = init_network()",
  "batch_size = 100",
  "accuracy_cnt = 0",
  "for i in range(0, len(x), batch_size):",
  "    x_batch = x[i:i+batch_size]",
  "    y_batch = predict(network, x_batch)",
  "    p = np.argmax(y_batch, axis=1)",
  "    accuracy_cnt += np.sum(p == t[i:i+batch_size])",
  'print("Accuracy:" + str(float(accuracy_cnt) / len(x)))',
];

/** Text with the markup's entities read back. */
function unescape(html: string): string {
  return html.replaceAll("&quot;", '"').replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

Deno.test("the section as the server renders it: the book's loop, batch 100 chosen, nothing run", () => {
  for (const lang of LANGS) {
    const html = renderToString(<TestRun texts={TEXTS[lang]} />);
    assertMatch(html, /^<section class="card test-run" data-testid="test-run"/);
    const lines = [...html.matchAll(/<span class="line">([^<]*)<\/span>/g)]
      .map((m) => unescape(m[1]));
    assertEquals(lines, BOOK_LOOP, lang);
    // no line runs yet
    assert(!html.includes("data-running"), lang);
    const options = [...html.matchAll(/<option[^>]*value="(\d+)"/g)].map((m) =>
      m[1]
    );
    assertEquals(options, ["1", "10", "100", "1000"]);
    assertEquals(html.match(/<option[^>]*selected[^>]*>/g), [
      html.match(/<option[^>]*value="100"[^>]*>/)![0],
    ]);
    // the file's URL comes with the page's assets, in the browser
    assertMatch(html, /data-testid="run-test-set" disabled>/);
    assertMatch(html, /data-testid="cancel-test-set" disabled>/);
    // a progress bar with no value until a run knows its length
    assertMatch(html, /role="progressbar"/);
    assert(!html.includes("aria-valuenow"), lang);
    // a row for each batch size, none run: no figures yet
    assertEquals(html.match(/<li class="muted">/g)?.length, 4);
    assert(!html.includes('data-testid="batch-timing"'), lang);
    // the page's CSP (style-src 'self') blocks inline styles
    assert(!html.includes("style="), lang);
  }
});

Deno.test("each language names the section in its own words", () => {
  const headings = LANGS.map((lang) =>
    renderToString(<TestRun texts={TEXTS[lang]} />).match(
      /<h2 id="test-run-heading">([^<]*)<\/h2>/,
    )?.[1]
  );
  assertEquals(headings, [
    TEXTS[LANGS[0]].testRun.heading,
    TEXTS[LANGS[1]].testRun.heading,
    TEXTS[LANGS[2]].testRun.heading,
  ]);
  assertEquals(new Set(headings).size, 3);
});
