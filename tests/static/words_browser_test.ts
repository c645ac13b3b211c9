/**
 * The page's words and ways through it, in a real Chromium: the first test
 * image within 40 Tab stops (the confusion matrix is one grid, moved in by
 * the arrow keys); the language chooser by keyboard, in place, and without a
 * script through its links; failures offline said in words; the footer's
 * curl line answering for real; the colour legends true in light and dark.
 *
 * @module
 */

import { assert, assertEquals, assertMatch, assertNotMatch } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { browserTest, holdEngine, open } from "../_browser.ts";
import { settled } from "../_pen.ts";
import { contrast } from "../_view.ts";

const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The data-testid of the focused element, or of its closest ancestor with one. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    document.activeElement?.closest("[data-testid]")?.getAttribute(
      "data-testid",
    ) ?? null
  );
}

/** The grid cell (`row,column`) that holds the focus, or null. */
function focusedCell(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    document.activeElement?.closest("[data-cell]")?.getAttribute(
      "data-cell",
    ) ?? null
  );
}

async function tabStops(page: Page) {
  await page.locator("body").focus();
  let stops = 0;
  while (await focused(page) !== "gallery-item" && stops < 200) {
    await page.keyboard.press("Tab");
    stops++;
  }
  assertEquals(await focused(page), "gallery-item");
  assert(stops <= 40, `the first test image is Tab stop ${stops}`);
}

async function gridKeys(page: Page) {
  const grid = page.getByTestId("confusion");
  // one stop: from the element before the grid, one Tab enters, one leaves
  await grid.locator('[data-cell="0,0"] button').focus();
  assertEquals(await grid.locator('[tabindex="0"]').count(), 1);
  const moves: [string, string][] = [
    ["ArrowRight", "0,1"],
    ["ArrowDown", "1,1"],
    ["ArrowDown", "2,1"],
    ["End", "2,9"],
    ["Control+End", "9,9"],
    ["Home", "9,0"],
    ["PageUp", "0,0"],
    ["ArrowLeft", "0,0"],
    ["PageDown", "9,0"],
    ["ArrowUp", "8,0"],
  ];
  for (const [key, cell] of moves) {
    await page.keyboard.press(key);
    assertEquals(await focusedCell(page), cell, key);
  }
  // the Tab stop follows the focus
  const stop = grid.locator('[tabindex="0"]');
  assertEquals(await stop.count(), 1);
  assertEquals(
    await stop.evaluate((e) =>
      e.closest("[data-cell]")!.getAttribute("data-cell")
    ),
    "8,0",
  );
  await page.keyboard.press("Tab");
  assertEquals(await focusedCell(page), null);
  await page.keyboard.press("Shift+Tab");
  assertEquals(await focusedCell(page), "8,0");
  // to 4 → 9, a cell with images: Enter shows them in the gallery
  for (
    const key of [
      "PageUp",
      "ArrowDown",
      "ArrowDown",
      "ArrowDown",
      "ArrowDown",
      "End",
    ]
  ) {
    await page.keyboard.press(key);
  }
  assertEquals(await focusedCell(page), "4,9");
  await page.keyboard.press("Enter");
  await page.locator("#gallery-heading").filter({ hasText: /of 4 read as 9$/ })
    .waitFor();
  assertEquals(
    await page.evaluate(() => document.activeElement?.id),
    "gallery-heading",
  );
  await page.getByTestId("clear-filter").click();
}

async function chooseByKeyboard(page: Page) {
  const chooser = page.getByTestId("lang");
  await chooser.focus();
  await page.keyboard.press("Enter");
  for (const code of ["ko", "en", "ja"]) {
    await page.keyboard.press("Tab");
    assertEquals(await focused(page), `lang-${code}`);
  }
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.documentElement.lang === "ja");
  assertEquals(await page.locator("h1").innerText(), "手書き数字認識");
  assertEquals(await focused(page), "lang");
  assertEquals(await page.locator("details.langs").getAttribute("open"), null);
  assertEquals(
    await page.getByTestId("lang-ja").getAttribute("aria-current"),
    "true",
  );
  // Esc closes the list and leaves the focus on the chooser
  await page.keyboard.press("Enter");
  await page.getByTestId("lang-ko").waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  assertEquals(await focused(page), "lang");
  assert(!await page.getByTestId("lang-ko").isVisible());
  await chooser.click();
  await page.getByTestId("lang-en").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
}

async function curlWorks(page: Page, origin: string) {
  // the footer is laid out when it nears the screen: read as a reader sees it
  const curl = page.getByTestId("curl");
  await curl.scrollIntoViewIfNeeded();
  let line = "";
  for (let i = 0; i < 40 && !line; i++) {
    if (i > 0) await page.waitForTimeout(50);
    line = await curl.innerText();
  }
  assertEquals(line, `curl -s ${origin}/api/mnist/11`);
  const [command, ...args] = line.split(" ");
  const { code, stdout } = await new Deno.Command(command, { args }).output();
  assertEquals(code, 0);
  const answer = JSON.parse(new TextDecoder().decode(stdout));
  assertEquals([answer.index, answer.label, answer.digit], [11, 6, 6]);
  for (const link of ["book-code", "book-code-ko", "openapi"]) {
    assertMatch(
      await page.getByTestId(link).getAttribute("href") ?? "",
      /^(https:\/\/github\.com\/[\w-]+\/deep-learning-from-scratch|\/api\/openapi\.json)$/,
    );
  }
  // Deno's fetch, not page.request: Deno 2.5's node:http lacks what playwright's needs
  const document = await fetch(`${origin}/api/openapi.json`);
  assertEquals(document.status, 200);
  assertMatch((await document.json()).openapi, /^3\./);
}

async function withoutScript(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    ...DESKTOP,
    problems,
    javaScriptEnabled: false,
  });
  assertEquals(await page.getAttribute("html", "lang"), "en");
  await page.getByTestId("lang").click();
  await Promise.all([
    page.waitForURL(/\?lang=ja$/),
    page.getByTestId("lang-ja").click(),
  ]);
  assertEquals(await page.getAttribute("html", "lang"), "ja");
  assertEquals(await page.locator("h1").innerText(), "手書き数字認識");
  await context.close();
}

async function offlineWords(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    ...DESKTOP,
    problems,
    setup: holdEngine,
  });
  await page.getByTestId("model-deep-cnn").waitFor();
  await context.setOffline(true);
  // the other model's report, and a test image read through the API
  await page.getByTestId("model-deep-cnn").click();
  const reportError = page.locator(".report .error");
  await reportError.waitFor();
  assertMatch(await reportError.innerText(), /offline/);
  await page.getByTestId("try-example").click();
  const playError = page.locator(".play-side .error");
  await playError.waitFor();
  assertMatch(await playError.innerText(), /offline/);
  assertNotMatch(await page.locator("body").innerText(), /Failed to fetch/);
  await context.setOffline(false);
  await context.close();
}

/** The computed fill of a legend's shade. */
function fill(page: Page, shade: string): Promise<string> {
  return page.locator(`.legend-bar rect.${shade}`).first().evaluate((rect) =>
    getComputedStyle(rect).fill
  );
}

async function legendColours(browser: Browser, origin: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    const { context, page } = await open(browser, origin, {
      ...DESKTOP,
      colorScheme,
      problems,
      setup: holdEngine,
    });
    await page.getByTestId("try-example").click();
    assertEquals(await settled(page), "6");
    const card = await page.locator(".forward").first().evaluate((e) =>
      getComputedStyle(e.closest(".card")!).backgroundColor
    );
    // 0: grey, close to the background; 1: vivid blue
    const zero = await fill(page, "u0");
    const one = await fill(page, "u10");
    assert(
      contrast(zero, card) < 1.6,
      `${colorScheme}: 0 is ${zero} on ${card}`,
    );
    assert(contrast(one, card) >= 3, `${colorScheme}: 1 is ${one} on ${card}`);
    const [r, , b] = one.match(/\d+/g)!.map(Number);
    assert(b > r + 60, `${colorScheme}: 1 is ${one}, not blue`);
    // the confusion matrix: more images, a stronger colour
    const shades = await page.locator(".confusion td[class^=wrong-]")
      .evaluateAll((tds) =>
        tds.map((td) => ({
          level: Number(td.className.slice("wrong-".length)),
          background: getComputedStyle(td).backgroundColor,
        })).sort((a, b) => a.level - b.level)
      );
    const [fewest, most] = [shades[0], shades[shades.length - 1]];
    assert(most.level - fewest.level >= 4, JSON.stringify(shades));
    assert(
      contrast(most.background, card) > contrast(fewest.background, card),
      `${colorScheme}: ${fewest.background} → ${most.background}`,
    );
    await context.close();
  }
}

browserTest(
  "the page's words and ways: Tab stops, the grid, languages, offline, links, legends",
  async (t, server, browser) => {
    const { context, page } = await open(browser, server.origin, {
      ...DESKTOP,
      problems,
      setup: holdEngine,
    });
    await t.step(
      "from the top, the first test image is within 40 Tab stops",
      () => tabStops(page),
    );
    await t.step(
      "the confusion matrix is one grid: the arrow keys move, Enter shows a cell's images",
      () => gridKeys(page),
    );
    await t.step(
      "the language chooser works from the keyboard, in place",
      () => chooseByKeyboard(page),
    );
    await t.step(
      "the footer links the book's code and the API, and its curl line answers",
      () => curlWorks(page, server.origin),
    );
    await context.close();
    await t.step(
      "without a script, the chooser's links load the page in their language",
      () => withoutScript(browser, server.origin),
    );
    await t.step(
      "offline, a failed request is said in words, never 'Failed to fetch'",
      () => offlineWords(browser, server.origin),
    );
    await t.step(
      "the legends' words hold in light and dark: 0 near the background, more is stronger",
      () => legendColours(browser, server.origin),
    );
    await t.step("no errors but the failed requests of being offline", () => {
      const offline = /net::ERR_INTERNET_DISCONNECTED/;
      assertEquals(problems.filter((problem) => !offline.test(problem)), []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
  },
);
