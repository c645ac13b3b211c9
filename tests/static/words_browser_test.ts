/**
 * The page's words in a real Chromium: failures offline said in words; the
 * colour legends true in light and dark.
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
  "the page's words: offline, legends",
  async (t, server, browser) => {
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
