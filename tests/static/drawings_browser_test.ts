/**
 * Readers' drawings in a real headless Chromium against the real server
 * (main.ts, KV in memory): draw a digit, say which digit was meant, see it in
 * the readers' gallery and in the scores, filter by label, delete it again.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Page } from "playwright-core";
import { browserTest, holdEngine, open, type Server } from "../_browser.ts";
import { DIGITS, draw, settled } from "../_pen.ts";
import { equalPixels, inputPixels } from "../_view.ts";

/** The 784 bytes of the first readers' tile, as the page drew them. */
function tilePixels(page: Page): Promise<number[]> {
  return page.getByTestId("reader-tile").first().locator("canvas").evaluate(
    (canvas) => {
      const context = (canvas as HTMLCanvasElement).getContext("2d")!;
      const { data } = context.getImageData(0, 0, 28, 28);
      return Array.from({ length: 784 }, (_, i) => data[i * 4]);
    },
  );
}

/** The text of a model's row in the readers' scores, spaces squeezed. */
async function scoreRow(page: Page, model: string): Promise<string> {
  const text = await page.getByTestId(`reader-score-${model}`).innerText();
  return text.replace(/\s+/g, " ").trim();
}

/** The drawings the API lists. */
async function listed(server: Server) {
  const response = await fetch(`${server.origin}/api/drawings`);
  return (await response.json()).drawings as {
    label: number;
    pixels: number[];
  }[];
}

async function noDrawingsYet(page: Page) {
  await page.getByTestId("readers-empty").waitFor();
  assertMatch(await scoreRow(page, "mlp"), /^MLP – 0 of 0 93\.52%$/);
  assertMatch(
    await scoreRow(page, "deep-cnn"),
    /^DeepConvNet – 0 of 0 97\.97%$/,
  );
  assertEquals(await page.getByTestId("feedback").count(), 0);
}

async function asksAfterPrediction(page: Page) {
  await draw(page, DIGITS["1"]);
  assertEquals(await settled(page), "1");
  const feedback = page.getByTestId("feedback");
  await feedback.waitFor();
  const text = await feedback.innerText();
  assertMatch(text, /Was it right\?/);
  assertMatch(
    text,
    /28 × 28 picture and the digit you tap — no IP address, no user agent — for 90 days/,
  );
  assertEquals(
    await page.getByTestId("label-1").getAttribute("class"),
    "digit-choice guessed",
  );
}

/** Taps 7; returns the body the page sent. */
async function tapSeven(page: Page): Promise<Record<string, unknown>> {
  const request = page.waitForRequest((r) =>
    r.url().endsWith("/api/drawings") && r.method() === "POST"
  );
  await page.getByTestId("label-7").click();
  const sent = (await request).postDataJSON();
  assertEquals(Object.keys(sent).sort(), ["consent", "label", "pixels"]);
  assertEquals(sent.label, 7);
  assertEquals(sent.consent, true);
  await page.getByTestId("feedback-status").filter({
    hasText: "Stored as a 7",
  }).waitFor();
  assertEquals(
    await page.getByTestId("label-7").getAttribute("aria-pressed"),
    "true",
  );
  return sent;
}

async function galleryShowsIt(
  page: Page,
  server: Server,
  sent: Record<string, unknown>,
) {
  const tile = page.getByTestId("reader-tile");
  await tile.first().waitFor();
  assertEquals(await tile.count(), 1);
  assertEquals(await tile.getAttribute("data-label"), "7");
  assertEquals(
    await tile.getAttribute("aria-label"),
    "Labelled 7: the MLP read 1, the DeepConvNet 1",
  );
  const shown = await tilePixels(page);
  const seen = await inputPixels(page);
  assert(equalPixels(shown, seen), "the tile is the picture the networks read");
  await page.getByTestId("reader-scores").filter({
    hasText: "Readers' drawings (1)",
  }).waitFor();
  assertMatch(await scoreRow(page, "mlp"), /^MLP 0\.0% 0 of 1 93\.52%$/);
  const drawings = await listed(server);
  assertEquals(drawings.length, 1);
  assertEquals(drawings[0].label, 7);
  assertEquals(
    drawings[0].pixels.map((v) => Math.round(v * 255)),
    (sent.pixels as number[]).map((v) => Math.round(v * 255)),
  );
}

async function filterByLabel(page: Page) {
  await page.getByTestId("readers-filter-1").click();
  await page.getByTestId("readers-empty").filter({
    hasText: "No drawings of 1 yet",
  }).waitFor();
  assertEquals(await page.getByTestId("reader-tile").count(), 0);
  await page.getByTestId("readers-filter-7").click();
  await page.getByTestId("reader-tile").first().waitFor();
  assertEquals(await page.getByTestId("reader-tile").count(), 1);
  assertMatch(
    await page.getByTestId("readers-filter-7").innerText(),
    /^7\s*1$/,
  );
}

async function deleteIt(page: Page, server: Server) {
  await page.getByTestId("feedback-delete").click();
  await page.getByTestId("feedback-status").filter({ hasText: "Deleted." })
    .waitFor();
  await page.getByTestId("reader-scores").filter({
    hasText: "Readers' drawings (0)",
  }).waitFor();
  await page.getByTestId("readers-empty").waitFor();
  assertEquals(await listed(server), []);
}

async function inKorean(page: Page) {
  await page.getByTestId("lang").click();
  await page.getByTestId("lang-ko").click();
  assertEquals(
    await page.locator("#readers-heading").innerText(),
    "독자들의 손글씨",
  );
  await page.getByTestId("clear").click();
  // after Clear the question keeps its place, hidden, until the next answer
  assertEquals(await page.getByTestId("feedback").isVisible(), false);
  await draw(page, DIGITS["0"]);
  assertEquals(await settled(page), "0");
  assertMatch(
    await page.getByTestId("feedback").innerText(),
    /맞게 읽었나요\?[\s\S]*IP 주소나 사용자 에이전트는 저장하지 않습니다/,
  );
  await page.getByTestId("label-0").click();
  await page.getByTestId("feedback-status").filter({
    hasText: "0으로 저장했습니다",
  }).waitFor();
  await page.getByTestId("lang").click();
  await page.getByTestId("lang-en").click();
}

browserTest(
  "a reader corrects a drawn digit and finds it among the readers' drawings",
  async (t, server, browser) => {
    const problems: string[] = [];
    const { page } = await open(browser, server.origin, {
      viewport: { width: 1280, height: 900 },
      problems,
      setup: holdEngine,
    });
    await t.step(
      "no drawings yet: an empty gallery, MNIST scores beside",
      () => noDrawingsYet(page),
    );
    await t.step(
      "after a prediction the page asks, and says what is stored",
      () => asksAfterPrediction(page),
    );
    let sent: Record<string, unknown> = {};
    await t.step(
      "tapping 7 stores the drawing labelled 7, with consent and nothing else",
      async () => void (sent = await tapSeven(page)),
    );
    await t.step(
      "the gallery shows it with both answers, and the scores count it",
      () => galleryShowsIt(page, server, sent),
    );
    await t.step(
      "the filter shows drawings of one label",
      () => filterByLabel(page),
    );
    await t.step(
      "Delete it takes the drawing back out of the gallery and the scores",
      () => deleteIt(page, server),
    );
    await t.step("in Korean", () => inKorean(page));
    await t.step("no console errors or page errors", () => {
      assertEquals(problems, []);
    });
  },
);
