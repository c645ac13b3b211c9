/**
 * The page before its script arrives, in a real Chromium: with no script at
 * all yet the pad says it is getting ready (and its buttons wait); strokes
 * drawn once early.js is in, before the page has hydrated, are kept and read.
 *
 * @module
 */

import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import type { Browser } from "playwright-core";
import { browserTest } from "../_browser.ts";
import { DIGITS, settled } from "../_pen.ts";
import { boxOf } from "../_view.ts";

const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 900 };

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** Opens the page with its scripts held back until `release()`. */
async function openSlowly(
  browser: Browser,
  origin: string,
  { viewport, scripts }: { viewport: typeof PHONE; scripts: string },
) {
  const context = await browser.newContext({ baseURL: origin, viewport });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
  let release = () => {};
  const late = new Promise<void>((resolve) => release = resolve);
  await page.route(scripts, async (route) => {
    await late;
    await route.continue();
  });
  await page.goto("/", { waitUntil: "commit" });
  return { context, page, release };
}

async function earlyStrokesKept(browser: Browser, origin: string) {
  // a slow link: the page's script arrives late, early.js on time
  const { context, page, release } = await openSlowly(browser, origin, {
    viewport: DESKTOP,
    scripts: "**/static/app.js*",
  });
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
  const at = ([x, y]: [number, number]) =>
    [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(stroke[0]));
  await page.mouse.down();
  for (const point of stroke.slice(1)) await page.mouse.move(...at(point));
  await page.mouse.up();
  assertEquals(await page.getByTestId("prediction").innerText(), "");
  release();
  // hydrated, the pad reads the stroke it was handed
  await page.getByTestId("getting-ready").waitFor({ state: "detached" });
  await page.getByTestId("prediction").filter({ hasText: /\d/ }).waitFor();
  assertEquals(await settled(page), "7");
  assertEquals(await page.getByTestId("undo").isDisabled(), false);
  await context.close();
}

async function gettingReady(browser: Browser, origin: string) {
  const { context, page, release } = await openSlowly(browser, origin, {
    viewport: PHONE,
    scripts: "**/static/*.js*",
  });
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
}

browserTest(
  "the page before its script: getting ready, and early strokes kept",
  async (t, server, browser) => {
    await t.step(
      "strokes drawn before the script has hydrated the page are kept",
      () => earlyStrokesKept(browser, server.origin),
    );
    await t.step(
      "with no script at all yet, the pad says it is getting ready",
      () => gettingReady(browser, server.origin),
    );
    await t.step("no page errors", () => {
      assertEquals(problems, []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
  },
);
