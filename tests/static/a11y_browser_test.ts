/**
 * The page for every reader, in a real Chromium: axe-core finds no serious or
 * critical violation (Korean, English and Japanese, phone and desktop, before
 * and after drawing, the language list open, light and dark, sure and
 * unsure); the answer is announced once per stroke; the
 * keyboard reaches a prediction from the top and focus follows the eye;
 * reduced motion is honoured; every forward-pass value can be read by
 * keyboard, touch and screen reader.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { browserTest, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, settled } from "../_pen.ts";
import { inView, seriousViolations } from "../_view.ts";

const PHONE = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The answers the announcer spoke since `listen()`. */
async function listen(page: Page) {
  await page.evaluate(() => {
    const spoken: string[] = [];
    // deno-lint-ignore no-explicit-any
    (globalThis as any).spoken = spoken;
    const region = document.querySelector('[data-testid="announcer"]')!;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? "";
      if (text) spoken.push(text);
    }).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  // deno-lint-ignore no-explicit-any
  return () => page.evaluate(() => (globalThis as any).spoken as string[]);
}

/** The data-testid of the focused element, or of its closest ancestor with one. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    document.activeElement?.closest("[data-testid]")?.getAttribute(
      "data-testid",
    ) ?? null
  );
}

/** No serious violation at either size, now. */
async function axeClean(page: Page, when: string) {
  for (
    const [size, viewport] of [
      ["phone", PHONE.viewport],
      ["desktop", DESKTOP.viewport],
    ] as const
  ) {
    await page.setViewportSize(viewport);
    assertEquals(await seriousViolations(page), [], `${size}, ${when}`);
  }
}

async function axe(browser: Browser, origin: string, locale: string) {
  const { context, page } = await open(browser, origin, {
    ...PHONE,
    locale,
    problems,
    setup: holdEngine,
  });
  assertEquals(await page.getAttribute("html", "lang"), locale.slice(0, 2));
  await axeClean(page, "before drawing");
  await draw(page, DIGITS["1"]);
  assertEquals(await settled(page), "1");
  // open a neuron too, so its pictures are checked
  await page.locator("#cell-a1-3").click();
  await page.getByTestId("neuron-sum").waitFor();
  await axeClean(page, "after drawing");
  // the test set run (through the API here): its count, outcome and chart
  await page.getByTestId("run-test-set").click();
  await page.getByTestId("batch-timing").waitFor({ timeout: 60_000 });
  await axeClean(page, "after running the test set");
  await page.getByTestId("lang").click();
  await page.getByTestId("lang-en").waitFor();
  await axeClean(page, "the language list open");
  await page.getByTestId("lang").click();
  // the dark scheme, with the unsure state showing
  await page.getByTestId("clear").click();
  await draw(page, [[[0.2, 0.5], [0.8, 0.5]]]);
  await page.getByTestId("unsure").waitFor();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300); // let the buttons' colour transitions end
  await axeClean(page, "dark, unsure");
  await context.close();
}

async function announcedOnce(page: Page) {
  const spoken = await listen(page);
  await draw(page, DIGITS["1"], 15);
  await page.waitForTimeout(300);
  assertEquals((await spoken()).length, 1, String(await spoken()));
  assertMatch((await spoken())[0], /^The MLP reads 1, softmax \d/);
  // a second stroke turns the 1 into something else: one more
  await draw(page, [[[0.3, 0.5], [0.5, 0.5], [0.7, 0.5]]], 15);
  await page.waitForTimeout(300);
  assertEquals((await spoken()).length, 2, String(await spoken()));
  // the visible answer is not a live region of its own
  assertEquals(
    await page.locator('[data-testid="verdict"] [aria-live]').count(),
    0,
  );
}

async function keyboardFromTheTop(page: Page) {
  await page.reload();
  await page.locator("body").focus();
  let tabs = 0;
  while (await focused(page) !== "try-example" && tabs < 12) {
    await page.keyboard.press("Tab");
    tabs++;
  }
  assertEquals(await focused(page), "try-example", `${tabs} tabs`);
  await page.keyboard.press("Enter");
  assertEquals(await settled(page), "6");
  assertEquals(await focused(page), "verdict");
}

async function tileByEnter(page: Page) {
  const tile = page.getByTestId("gallery-item").nth(12);
  await tile.scrollIntoViewIfNeeded();
  const predicted = await tile.getAttribute("data-predicted");
  await tile.focus();
  await page.keyboard.press("Enter");
  assertEquals(await settled(page), predicted);
  assertEquals(await focused(page), "verdict");
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-testid="verdict"]')!
      .getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  });
}

async function valuesReadable(page: Page) {
  const strip = page.getByTestId("strip-a1").getByRole("listbox");
  await strip.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  assertEquals(await strip.getAttribute("aria-activedescendant"), "cell-a1-3");
  const cell = page.locator("#cell-a1-3");
  const value = await cell.getAttribute("data-value");
  assertEquals(
    await page.getByTestId("readout").innerText(),
    `a1[3] = ${value}`,
  );
  // the option's accessible name is its value
  assertEquals(await cell.getAttribute("aria-label"), `a1[3] = ${value}`);
  assertEquals(await cell.getAttribute("role"), "option");
  await page.keyboard.press("End");
  assertMatch(
    await page.getByTestId("readout").innerText(),
    /^a1\[49\] = -?\d/,
  );
  // and all of them in tables, for reading in order
  const table = page.getByTestId("values-table");
  await table.locator("summary").click();
  // the rows are written once the table is opened (nothing closed is
  // rendered): the last one waited for, then all counted
  await table.locator("tbody tr").nth(50 + 100 + 10 - 1).waitFor();
  assertEquals(await table.locator("tbody tr").count(), 50 + 100 + 10);
}

async function tapAndReducedMotion(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    ...PHONE,
    reducedMotion: "reduce",
    problems,
    setup: holdEngine,
  });
  await page.getByTestId("try-example").tap();
  assertEquals(await settled(page), "6");
  const cell = page.locator("#cell-z1-7");
  await cell.scrollIntoViewIfNeeded();
  await cell.tap();
  assertEquals(
    await page.getByTestId("readout").innerText(),
    `z1[7] = ${await cell.getAttribute("data-value")}`,
  );
  // a tile far below the answer: the jump back up is immediate
  const tile = page.getByTestId("gallery-item").nth(3);
  await tile.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => scrollY);
  await tile.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(60);
  const after = await page.evaluate(() => scrollY);
  assert(after < before - 500, `scrollY ${before} → ${after}`);
  const verdict = await page.getByTestId("verdict").boundingBox();
  assert(verdict && inView(verdict, PHONE.viewport), "verdict not shown");
  await page.waitForTimeout(400);
  assertEquals(await page.evaluate(() => scrollY), after, "it moved on");
  await context.close();
}

browserTest(
  "the page works for every reader: axe, announcements, keyboard, motion",
  async (t, server, browser) => {
    for (const locale of ["en-US", "ko-KR", "ja-JP"]) {
      await t.step(
        `axe: no serious violation in ${locale}, phone and desktop, light and dark, before and after drawing`,
        () => axe(browser, server.origin, locale),
      );
    }
    const { context, page } = await open(browser, server.origin, {
      ...DESKTOP,
      problems,
      setup: holdEngine,
    });
    await t.step(
      "each stroke's answer is announced once",
      () => announcedOnce(page),
    );
    await t.step(
      "from the top, the keyboard reaches a test image's prediction; focus goes to the answer",
      () => keyboardFromTheTop(page),
    );
    await t.step(
      "Enter on a gallery tile shows its answer and takes the focus there",
      () => tileByEnter(page),
    );
    await t.step(
      "every forward-pass value can be read from the keyboard and by a screen reader",
      () => valuesReadable(page),
    );
    await context.close();
    await t.step(
      "a tap reads a cell on a phone; reduced motion scrolls without animation",
      () => tapAndReducedMotion(browser, server.origin),
    );
    await t.step("no console errors or page errors", () => {
      assertEquals(problems, []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
  },
);
