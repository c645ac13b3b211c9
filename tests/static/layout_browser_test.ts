/**
 * The page's layout in a real Chromium, phone first: at 375×667 the whole pad
 * and its buttons show on arrival and the answer stays in view while drawing;
 * on an 820×1180 tablet the pad is large and beside the answer, the gallery's
 * rows are full; the dark scheme keeps the contrast; Korean text asks for the
 * Korean font. (How the page behaves before its script arrives is
 * arrival_browser_test.ts.) (The README's screenshots of these layouts are taken by
 * `deno task screenshots`, never by a test.)
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { browserTest, deviceReady, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, settled, touchDraw } from "../_pen.ts";
import { boxOf, colours, contrast, inView, pageWidth } from "../_view.ts";

const PHONE = { width: 375, height: 667 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1280, height: 900 };

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The tiles of each gallery row: how many share each top. */
async function rowsOf(page: Page, list: number): Promise<number[]> {
  const tops = await page.locator(".tiles").nth(list).locator("li")
    .evaluateAll((items) =>
      items.map((item) => Math.round(item.getBoundingClientRect().top))
    );
  const rows = new Map<number, number>();
  for (const top of tops) rows.set(top, (rows.get(top) ?? 0) + 1);
  return [...rows.values()];
}

/** Switches to the dark scheme and lets the buttons' colour transitions end. */
async function dark(page: Page) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300);
}

async function phone(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    problems,
  });
  // the page as it settles: the network on the device
  await deviceReady(page);
  assertEquals(await page.evaluate(() => scrollY), 0);
  const canvas = await boxOf(page, "canvas");
  for (const testid of ["canvas", "undo", "clear", "verdict"]) {
    const box = await boxOf(page, testid);
    assert(inView(box, PHONE), `${testid}: ${JSON.stringify(box)}`);
  }
  assert(canvas.width >= 300, `canvas ${canvas.width} px wide`);
  assert(await pageWidth(page) <= PHONE.width);
  await touchDraw(context, page, DIGITS["7"][0]);
  assertEquals(await settled(page), "7");
  assertEquals(await boxOf(page, "canvas"), canvas, "the pad moved");
  // after a drawing the first screen holds the verdict, the pad, Undo/Clear
  // and the ten bars; "Was it right?" is below them
  await page.getByTestId("feedback").waitFor();
  assertEquals(await page.evaluate(() => scrollY), 0);
  for (const testid of ["verdict", "prediction", "clear", "probabilities"]) {
    const box = await boxOf(page, testid);
    assert(inView(box, PHONE), `${testid}: ${JSON.stringify(box)}`);
  }
  const bars = await boxOf(page, "probabilities");
  assert((await boxOf(page, "feedback")).y >= bars.y + bars.height);
  assertEquals(await feedbackRows(page), [10]);
  await dark(page);
  assertEquals(await boxOf(page, "canvas"), canvas);
  await context.close();
}

async function smallerPhone(browser: Browser, origin: string) {
  const viewport = { width: 360, height: 640 };
  const { context, page } = await open(browser, origin, {
    viewport,
    isMobile: true,
    hasTouch: true,
    locale: "ko-KR",
    problems,
    setup: holdEngine,
  });
  for (const testid of ["canvas", "undo", "clear"]) {
    assert(inView(await boxOf(page, testid), viewport), testid);
  }
  // through the API (the engine held back): a drawing's bars in view, and
  // "Was it right?" one row of ten, no digit left alone on a row
  await touchDraw(context, page, DIGITS["7"][0]);
  assertEquals(await settled(page), "7");
  assert(inView(await boxOf(page, "probabilities"), viewport));
  await page.getByTestId("feedback").waitFor();
  assertEquals(await feedbackRows(page), [10]);
  await context.close();
}

/** How many of "Was it right?"'s digits share each row. */
function feedbackRows(page: Page): Promise<number[]> {
  return page.getByTestId("feedback").locator(".digit-choice").evaluateAll(
    (buttons) => {
      const rows = new Map<number, number>();
      for (const button of buttons) {
        const top = Math.round(button.getBoundingClientRect().top);
        rows.set(top, (rows.get(top) ?? 0) + 1);
      }
      return [...rows.values()];
    },
  );
}

async function tablet(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: TABLET,
    isMobile: true,
    hasTouch: true,
    problems,
  });
  await deviceReady(page);
  const canvas = await boxOf(page, "canvas");
  assert(canvas.width >= 400, `canvas ${canvas.width} px wide`);
  assert(inView(canvas, TABLET));
  const verdict = await boxOf(page, "verdict");
  assert(verdict.x >= canvas.x + canvas.width, "verdict not beside");
  assert(verdict.y < canvas.y + 40, "verdict not at the top");
  await touchDraw(context, page, DIGITS["0"][0]);
  assertEquals(await settled(page), "0");
  assertEquals(await rowsOf(page, 0), [10]);
  assertEquals(await rowsOf(page, 1), [10, 10]);
  await context.close();
}

async function desktop(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: DESKTOP,
    problems,
  });
  await deviceReady(page);
  await draw(page, DIGITS["7"]);
  assertEquals(await settled(page), "7");
  assert(inView(await boxOf(page, "probabilities"), DESKTOP));
  await context.close();
}

/** Text nodes with Hangul whose font list does not start with the Korean font. */
function strayKorean(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(
      document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/[\uac00-\ud7a3]/.test(node.textContent ?? "")) continue;
      const family = getComputedStyle(node.parentElement!).fontFamily;
      if (!family.startsWith('"Digits KR"')) {
        found.push(`${node.textContent!.slice(0, 20)}: ${family}`);
      }
    }
    return found;
  });
}

async function koreanFont(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: DESKTOP,
    locale: "ko-KR",
    problems,
    setup: holdEngine,
  });
  await draw(page, DIGITS["1"]);
  await page.locator("#cell-a1-3").click();
  await page.getByTestId("neuron-sum").waitFor();
  await page.getByTestId("lab-digit").filter({ hasText: /\d/ }).waitFor();
  assertEquals(await strayKorean(page), []);
  await page.evaluate(() => document.fonts.ready);
  const faces = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.status === "loaded").map((f) =>
      `${f.family.replace(/"/g, "")} ${f.weight}`
    )
  );
  assert(faces.includes("Digits KR 400"), String(faces));
  await context.close();
}

async function phoneGallery(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: PHONE,
    isMobile: true,
    problems,
    setup: holdEngine,
  });
  assertEquals(await rowsOf(page, 0), [5, 5]);
  assertEquals(await rowsOf(page, 1), [5, 5, 5, 5]);
  await context.close();
}

/** Checks the text of the page's main surfaces against their backgrounds. */
async function schemeContrast(page: Page, scheme: "light" | "dark") {
  const body = await colours(page, "body");
  const card = await colours(page, ".card");
  const muted = await colours(page, ".explainer-lead");
  const accent = await colours(page, '[data-testid="accuracy"]');
  assert(contrast(body.color, card.background) >= 7, scheme);
  assert(contrast(muted.color, card.background) >= 4.5, scheme);
  assert(contrast(accent.color, card.background) >= 4.5, scheme);
  // every heat-map cell's number stays readable on its shade
  const cells = await page.locator(".confusion td").evaluateAll((tds) =>
    tds.map((td) => {
      const style = getComputedStyle(td);
      return [style.color, style.backgroundColor];
    })
  );
  for (const [color, background] of cells) {
    assert(
      contrast(color, background) >= 4.5,
      `${scheme}: ${color} on ${background}`,
    );
  }
}

async function darkMode(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: DESKTOP,
    problems,
    setup: holdEngine,
  });
  const seen: Record<string, string> = {};
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300); // let the buttons' colour transitions end
    await schemeContrast(page, scheme);
    seen[scheme] = (await colours(page, ":root")).background;
    const isDark = await page.evaluate(() =>
      matchMedia("(prefers-color-scheme: dark)").matches
    );
    assertEquals(isDark, scheme === "dark");
  }
  await context.close();
  assertEquals(seen.light, "rgb(244, 245, 247)");
  assertEquals(seen.dark, "rgb(15, 18, 23)");
}

browserTest(
  "the page is laid out phone first, for tablets and desktops, light and dark",
  async (t, server, browser) => {
    const steps: [string, typeof phone][] = [
      [
        "phone (375×667): pad and buttons on the first screen, the answer in view while drawing, the ten bars in view after it",
        phone,
      ],
      [
        "a smaller phone (360×640): the whole pad still shows; a drawing's bars too, and ten digits in one row to say if it was right",
        smallerPhone,
      ],
      [
        "tablet (820×1180): a large pad beside the answer, full gallery rows",
        tablet,
      ],
      ["desktop (1280×900): the bars in view beside the pad", desktop],
      [
        "Korean text everywhere asks for a Korean font first (no empty boxes)",
        koreanFont,
      ],
      ["phone gallery rows are full too (5 a row)", phoneGallery],
      [
        "dark mode follows prefers-color-scheme, with text in contrast",
        darkMode,
      ],
    ];
    for (const [name, step] of steps) {
      await t.step(name, () => step(browser, server.origin));
    }
    await t.step("no console errors or page errors", () => {
      assertEquals(problems, []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
  },
);
