/**
 * deno task screenshots: the README's screenshots (docs/screenshot-*.png),
 * taken in Debian's Chromium against the real server with the network on
 * the device — a phone, a tablet and a desktop, each light and dark, each
 * after a drawn digit. The layout they show is asserted by
 * tests/static/layout_browser_test.ts; this only takes the pictures, which
 * the tests never do (they leave tracked files alone).
 *
 * @module
 */

import type { BrowserContext, Page } from "playwright-core";
import {
  deviceReady,
  launchBrowser,
  open,
  ROOT,
  startServer,
} from "../tests/_browser.ts";
import { DIGITS, draw, touchDraw } from "../tests/_pen.ts";

/** The viewports of the screenshots, by name. */
const SCREENS = {
  phone: {
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  tablet: {
    viewport: { width: 820, height: 1180 },
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;

/** What is drawn on each screen before the pictures: a finger or a mouse. */
const DRAWN: Record<keyof typeof SCREENS, string> = {
  phone: "7",
  tablet: "0",
  desktop: "7",
};

/** Saves one screenshot of the viewport as docs/screenshot-<name>.png. */
async function shoot(page: Page, name: string): Promise<string> {
  await page.evaluate(() => document.fonts.ready);
  const path = new URL(`docs/screenshot-${name}.png`, ROOT).pathname;
  await page.screenshot({ path });
  return path;
}

/** Draws the screen's digit as a hand would there. */
async function drawOn(
  screen: keyof typeof SCREENS,
  context: BrowserContext,
  page: Page,
) {
  const [first] = DIGITS[DRAWN[screen]];
  if ("hasTouch" in SCREENS[screen]) await touchDraw(context, page, first);
  else await draw(page, DIGITS[DRAWN[screen]]);
}

if (import.meta.main) {
  const server = await startServer();
  const browser = await launchBrowser();
  const problems: string[] = [];
  try {
    for (const screen of Object.keys(SCREENS) as (keyof typeof SCREENS)[]) {
      const { context, page } = await open(browser, server.origin, {
        ...SCREENS[screen],
        problems,
      });
      // the page as it settles: the network on the device
      await deviceReady(page);
      await drawOn(screen, context, page);
      console.log(await shoot(page, `${screen}-light`));
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForTimeout(300); // let the buttons' colour transitions end
      console.log(await shoot(page, `${screen}-dark`));
      await context.close();
    }
    if (problems.length) throw new Error(`The page erred: ${problems}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
