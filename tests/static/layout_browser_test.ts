/**
 * The page's layout in a real Chromium, phone first: at 375×667 the whole pad
 * and its buttons show on arrival and the answer stays in view while drawing;
 * on an 820×1180 tablet the pad is large and beside the answer, the gallery's
 * rows are full; the dark scheme keeps the contrast; strokes drawn before the
 * script has hydrated the page are kept. Takes the README's screenshots.
 *
 * @module
 */

import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import type { Page } from "playwright-core";
import {
  boxOf,
  browserTest,
  deviceReady,
  DIGITS,
  draw,
  holdEngine,
  inView,
  open,
  pageWidth,
  ROOT,
  settled,
  touchDraw,
} from "../_browser.ts";

const PHONE = { width: 375, height: 667 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1280, height: 900 };

/** WCAG contrast of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(
      (v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      },
    );
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The computed colour and background of the first element matching `selector`. */
function colours(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return { color: style.color, background: style.backgroundColor };
  });
}

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

/** Saves a README screenshot of the viewport. */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: new URL(`docs/screenshot-${name}.png`, ROOT).pathname,
  });
}

browserTest(
  "the page is laid out phone first, for tablets and desktops, light and dark",
  async (t, server, browser) => {
    const problems: string[] = [];
    await t.step(
      "phone (375×667): pad and buttons on the first screen, the answer in view while drawing",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          viewport: PHONE,
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          problems,
        });
        // the screenshots show the page as it settles: the network on the device
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
        assert(inView(await boxOf(page, "verdict"), PHONE));
        assert(inView(await boxOf(page, "prediction"), PHONE));
        await shoot(page, "phone-light");
        await page.emulateMedia({ colorScheme: "dark" });
        await page.waitForTimeout(300); // let the buttons' colour transitions end
        assertEquals(await boxOf(page, "canvas"), canvas);
        await shoot(page, "phone-dark");
        await context.close();
      },
    );

    await t.step(
      "a smaller phone (360×640): the whole pad still shows",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          viewport: { width: 360, height: 640 },
          isMobile: true,
          hasTouch: true,
          locale: "ko-KR",
          problems,
          setup: holdEngine,
        });
        for (const testid of ["canvas", "undo", "clear"]) {
          assert(
            inView(await boxOf(page, testid), { width: 360, height: 640 }),
          );
        }
        await context.close();
      },
    );

    await t.step(
      "tablet (820×1180): a large pad beside the answer, full gallery rows",
      async () => {
        const { context, page } = await open(browser, server.origin, {
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
        await shoot(page, "tablet-light");
        await page.emulateMedia({ colorScheme: "dark" });
        await page.waitForTimeout(300); // let the buttons' colour transitions end
        await shoot(page, "tablet-dark");
        await context.close();
      },
    );

    await t.step("desktop (1280×900): screenshots", async () => {
      const { context, page } = await open(browser, server.origin, {
        viewport: DESKTOP,
        problems,
      });
      await deviceReady(page);
      await draw(page, DIGITS["7"]);
      assertEquals(await settled(page), "7");
      assert(inView(await boxOf(page, "probabilities"), DESKTOP));
      await shoot(page, "desktop-light");
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForTimeout(300); // let the buttons' colour transitions end
      await shoot(page, "desktop-dark");
      await context.close();
    });

    await t.step(
      "Korean text everywhere asks for a Korean font first (no empty boxes)",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          viewport: DESKTOP,
          locale: "ko-KR",
          problems,
          setup: holdEngine,
        });
        await draw(page, DIGITS["1"]);
        await page.locator("#cell-a1-3").click();
        await page.getByTestId("neuron-sum").waitFor();
        await page.getByTestId("lab-digit").filter({ hasText: /\d/ })
          .waitFor();
        const stray = await page.evaluate(() => {
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
        assertEquals(stray, []);
        await page.evaluate(() => document.fonts.ready);
        const faces = await page.evaluate(() =>
          [...document.fonts].filter((f) => f.status === "loaded").map((f) =>
            `${f.family.replace(/"/g, "")} ${f.weight}`
          )
        );
        assert(faces.includes("Digits KR 400"), String(faces));
        await context.close();
      },
    );

    await t.step(
      "phone gallery rows are full too (5 a row)",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          viewport: PHONE,
          isMobile: true,
          problems,
          setup: holdEngine,
        });
        assertEquals(await rowsOf(page, 0), [5, 5]);
        assertEquals(await rowsOf(page, 1), [5, 5, 5, 5]);
        await context.close();
      },
    );

    await t.step(
      "dark mode follows prefers-color-scheme, with text in contrast",
      async () => {
        const seen: Record<string, Record<string, string>> = {};
        const { context, page } = await open(browser, server.origin, {
          viewport: DESKTOP,
          problems,
          setup: holdEngine,
        });
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.waitForTimeout(300); // let the buttons' colour transitions end
          const body = await colours(page, "body");
          const card = await colours(page, ".card");
          const muted = await colours(page, ".explainer-lead");
          const accent = await colours(page, '[data-testid="accuracy"]');
          seen[scheme] = { page: (await colours(page, ":root")).background };
          assert(contrast(body.color, card.background) >= 7, scheme);
          assert(contrast(muted.color, card.background) >= 4.5, scheme);
          assert(contrast(accent.color, card.background) >= 4.5, scheme);
          // every heat-map cell's number stays readable on its shade
          const cells = await page.locator(".confusion td").evaluateAll(
            (tds) =>
              tds.map((td) => {
                const style = getComputedStyle(td);
                return [style.color, style.backgroundColor];
              }),
          );
          for (const [color, background] of cells) {
            assert(
              contrast(color, background) >= 4.5,
              `${scheme}: ${color} on ${background}`,
            );
          }
          const dark = await page.evaluate(() =>
            matchMedia("(prefers-color-scheme: dark)").matches
          );
          assertEquals(dark, scheme === "dark");
        }
        await context.close();
        assertEquals(seen.light.page, "rgb(244, 245, 247)");
        assertEquals(seen.dark.page, "rgb(15, 18, 23)");
      },
    );

    await t.step(
      "strokes drawn before the script has hydrated the page are kept",
      async () => {
        const context = await browser.newContext({
          baseURL: server.origin,
          viewport: DESKTOP,
        });
        const page = await context.newPage();
        page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
        // a slow link: the page's script arrives a second and a half late
        let release = () => {};
        const late = new Promise<void>((resolve) => release = resolve);
        await page.route("**/static/app.js*", async (route) => {
          await late;
          await route.continue();
        });
        await page.goto("/", { waitUntil: "commit" });
        await page.waitForFunction(() =>
          document.documentElement.hasAttribute("data-early")
        );
        assertEquals(
          await page.getByTestId("getting-ready").isVisible(),
          false,
          "early.js records: the pad may be drawn on",
        );
        const box = await boxOf(page, "canvas");
        const [stroke] = DIGITS["7"];
        await page.mouse.move(
          box.x + stroke[0][0] * box.width,
          box.y + stroke[0][1] * box.height,
        );
        await page.mouse.down();
        for (const [x, y] of stroke.slice(1)) {
          await page.mouse.move(
            box.x + x * box.width,
            box.y + y * box.height,
          );
        }
        await page.mouse.up();
        assertEquals(await page.getByTestId("prediction").innerText(), "");
        release();
        // hydrated, the pad reads the stroke it was handed
        await page.getByTestId("getting-ready").waitFor({
          state: "detached",
        });
        await page.getByTestId("prediction").filter({ hasText: /\d/ })
          .waitFor();
        assertEquals(await settled(page), "7");
        assertEquals(await page.getByTestId("undo").isDisabled(), false);
        await context.close();
      },
    );

    await t.step(
      "with no script at all yet, the pad says it is getting ready",
      async () => {
        const context = await browser.newContext({
          baseURL: server.origin,
          viewport: PHONE,
        });
        const page = await context.newPage();
        let release = () => {};
        const late = new Promise<void>((resolve) => release = resolve);
        await page.route("**/static/*.js*", async (route) => {
          await late;
          await route.continue();
        });
        await page.goto("/", { waitUntil: "commit" });
        const ready = page.getByTestId("getting-ready");
        await ready.waitFor();
        assertEquals(await ready.innerText(), "Getting ready…");
        const wait = await ready.boundingBox();
        const canvas = await boxOf(page, "canvas");
        assertAlmostEquals(wait!.width, canvas.width, 1);
        assert(await page.getByTestId("clear").isDisabled());
        release();
        await ready.waitFor({ state: "detached" });
        assertEquals(await page.getByTestId("clear").isDisabled(), false);
        await context.close();
      },
    );

    await t.step("no console errors or page errors", () => {
      assertEquals(problems, []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
  },
);
