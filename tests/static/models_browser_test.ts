/**
 * Test images and both models on the demo page in a real headless Chromium
 * against the real server, through the API (the device engine held back):
 * the book's example by click and by keyboard, a misread test image from the
 * gallery, the DeepConvNet's answers, report and misreads, the model switch
 * by keyboard, and the page in Korean with the language chosen remembered.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { browserTest, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, settled } from "../_pen.ts";
import { bar, filledStrip, inputPixels } from "../_view.ts";

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The index of the largest value. */
function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}

/** Waits until the report shows `accuracy` (e.g. "97.97%"). */
async function reportShows(page: Page, accuracy: string) {
  await page.getByTestId("accuracy").filter({ hasText: accuracy }).waitFor();
  await page.locator('.report[aria-busy="false"]').waitFor();
}

/** Chooses the gallery's first misread image; checks the page reads it so. */
async function chooseMisread(page: Page): Promise<string> {
  const tile = page.getByTestId("gallery").locator(".tile-wrong").first();
  const answer = await tile.getAttribute("data-predicted") ?? "";
  assertMatch(answer, /^\d$/);
  assertMatch(await tile.innerText(), new RegExp(`→ ${answer}$`));
  await tile.click();
  assertEquals(await settled(page), answer);
  return answer;
}

async function bookExample(page: Page) {
  await page.getByTestId("example-11").click();
  assertEquals(await settled(page), "6");
  assertEquals(await bar(page, 6), "6\n91.2%");
  assertMatch(await page.getByTestId("source").innerText(), /#11/);
  const ink = (await inputPixels(page)).filter((v) => v > 0).length;
  assert(ink > 80, `${ink} inked pixels of test image 11`);
  assertMatch(
    await page.getByTestId("compare-mlp").innerText(),
    /^MLP: 6 \(91\.2%\)$/,
  );
  assertEquals(argmax((await filledStrip(page, "a3")).values), 6);
}

async function bookExampleByKeyboard(page: Page) {
  await page.getByTestId("clear").click();
  await page.getByTestId("example-11").focus();
  await page.keyboard.press("Enter");
  assertEquals(await settled(page), "6");
}

async function deepConvNet(page: Page) {
  const button = page.getByTestId("model-deep-cnn");
  await button.click();
  assertEquals(await button.getAttribute("aria-pressed"), "true");
  await reportShows(page, "97.97%");
  assertMatch(
    await page.locator(".report").innerText(),
    /Test accuracy \(DeepConvNet\)/,
  );
  assertMatch(
    await page.getByTestId("gallery").textContent() ?? "",
    /Misread by the DeepConvNet \(203 of 10,000\)/,
  );

  await page.getByTestId("clear").click();
  await draw(page, DIGITS["7"]);
  assertEquals(await settled(page), "7");
  assertMatch(
    await page.locator(".verdict").innerText(),
    /The DeepConvNet reads/,
  );
  const [, percent] = (await page.getByTestId("compare-deep-cnn").innerText())
    .match(/\((\d+\.\d%)\)/) ?? [];
  assertEquals(await bar(page, 7), `7\n${percent}`);

  const answer = await chooseMisread(page);
  assertMatch(
    await page.getByTestId("compare-deep-cnn").innerText(),
    new RegExp(`^DeepConvNet: ${answer} `),
  );
}

async function modelSwitchByKeyboard(page: Page) {
  await page.getByTestId("model-mlp").focus();
  await page.keyboard.press("Space");
  assertEquals(
    await page.getByTestId("model-mlp").getAttribute("aria-pressed"),
    "true",
  );
  await reportShows(page, "93.52%");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await reportShows(page, "97.97%");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await reportShows(page, "93.52%");
}

async function koreanRemembered(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    locale: "ko-KR",
    problems,
    setup: holdEngine,
  });
  assertEquals(await page.getAttribute("html", "lang"), "ko");
  assertEquals(await page.locator("h1").innerText(), "손글씨 숫자 인식기");
  assertEquals(
    await page.locator("#forward-heading").innerText(),
    "MLP 들여다보기: 순전파",
  );
  await page.getByTestId("lang").click();
  await page.getByTestId("lang-en").click();
  assertEquals(await page.getAttribute("html", "lang"), "en");
  assertEquals(
    await page.locator("h1").innerText(),
    "Handwritten digit recogniser",
  );
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assertEquals(
    await page.getByTestId("lang-en").getAttribute("aria-current"),
    "true",
  );
  await context.close();
}

browserTest(
  "the demo page reads test images with both models, in both languages",
  async (t, server, browser) => {
    const { page } = await open(browser, server.origin, {
      viewport: { width: 1280, height: 900 },
      problems,
      setup: holdEngine,
    });
    await t.step(
      "the book's example, test image 11, is a 6 at 91.2%",
      () => bookExample(page),
    );
    await t.step(
      "a misread test image from the gallery shows its wrong answer",
      async () => void await chooseMisread(page),
    );
    await t.step(
      "the book's example works from the keyboard",
      () => bookExampleByKeyboard(page),
    );
    await t.step(
      "the DeepConvNet: its answers, its report (97.97%), its misreads",
      () => deepConvNet(page),
    );
    await t.step(
      "the model switch works from the keyboard",
      () => modelSwitchByKeyboard(page),
    );
    await t.step(
      "Korean first for a Korean browser; the language chosen is remembered",
      () => koreanRemembered(browser, server.origin),
    );
    await t.step(
      "no console errors or page errors; the server stayed up",
      () => {
        assertEquals(problems, []);
        assert(server.running(), `the server stopped:\n${server.log()}`);
      },
    );
  },
);
