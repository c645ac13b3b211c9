/**
 * Drawing in the browser tests as a hand would: strokes with the mouse or a
 * finger on the pad, the digits both models read right, scribbles, and
 * waiting for the answer the page marks when a stroke has ended.
 *
 * @module
 */

import type { BrowserContext, Page } from "playwright-core";
import type { Stroke } from "../lib/input/mod.ts";
import { DIGITS, ellipse } from "../scripts/calibrate/drawings.ts";
import { boxOf } from "./_view.ts";

/** A stroke as a hand would make it, in canvas units (0–1 from the top left). */
export type { Stroke };

/** Digits both models read right, as strokes. */
export { DIGITS };

/** A circle around the 1 that turns it into something else (for undo). */
export const EXTRA: Stroke = ellipse(0.5, 0.5, 0.3, 0.36);

/** The User Timing mark the page sets when a finished stroke's answer is shown. */
export const FINAL_MARK = "prediction-after-stroke";

/** How many finished strokes' answers the page has shown. */
export function finalAnswers(page: Page): Promise<number> {
  return page.evaluate(
    (name) => performance.getEntriesByName(name).length,
    FINAL_MARK,
  );
}

/** Draws strokes with the mouse; resolves once the final answer is shown. */
export async function draw(page: Page, strokes: Stroke[], pause = 0) {
  let shown = 0;
  const box = await padBox(page);
  const at = ([x, y]: [number, number]) =>
    [box.x + x * box.width, box.y + y * box.height] as const;
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const point of stroke.slice(1)) {
      await page.mouse.move(...at(point), { steps: 2 });
      if (pause) await page.waitForTimeout(pause);
    }
    shown = await finalAnswers(page);
    await page.mouse.up();
  }
  try {
    await page.waitForFunction(
      ([name, n]) => performance.getEntriesByName(name as string).length > n,
      [FINAL_MARK, shown] as const,
      { timeout: 15_000 },
    );
  } catch (error) {
    // what the page shows, to tell why (the pad moved under the pen, an
    // answer failed, a mark went missing)
    const state = await page.evaluate(() => ({
      marks: performance.getEntriesByType("mark").map((m) =>
        `${m.name}@${Math.round(m.startTime)}`
      ),
      now: Math.round(performance.now()),
      prediction: document.querySelector('[data-testid="prediction"]')
        ?.textContent,
      busy: document.querySelector(".play")?.getAttribute("aria-busy"),
      engine: document.querySelector('[data-testid="engine"]')?.textContent,
      scroll: [scrollX, scrollY],
    })).catch((reason) => String(reason));
    const moved = await boxOf(page, "canvas").catch(() => null);
    throw new Error(
      `No answer marked after the stroke (${
        JSON.stringify({ shown, box, now: moved, state })
      })`,
      { cause: error },
    );
  }
  await settled(page);
}

/** Draws one stroke with touch events (Chrome DevTools Protocol); resolves once answered. */
export async function touchDraw(
  context: BrowserContext,
  page: Page,
  stroke: Stroke,
) {
  const box = await padBox(page);
  const touch = await context.newCDPSession(page);
  const [first, ...rest] = stroke.map(([u, v]) => ({
    x: box.x + u * box.width,
    y: box.y + v * box.height,
  }));
  await touch.send("Input.dispatchTouchEvent", {
    type: "touchStart",
    touchPoints: [first],
  });
  for (const point of rest) {
    await touch.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: [point],
    });
  }
  await touch.send("Input.dispatchTouchEvent", {
    type: "touchEnd",
    touchPoints: [],
  });
  await touch.detach();
  await settled(page);
}

/** Waits until no request is on its way, then returns the shown digit. */
export async function settled(page: Page): Promise<string> {
  await page.locator('.play[aria-busy="false"]').waitFor();
  return await page.getByTestId("prediction").innerText();
}

/**
 * The drawing pad's box, scrolled into view first: the pen's coordinates are
 * the viewport's, and a click elsewhere (a button further down) may have
 * scrolled the pad out of it — a stroke drawn there never reached the pad.
 */
export async function padBox(page: Page) {
  await page.getByTestId("canvas").scrollIntoViewIfNeeded();
  return await boxOf(page, "canvas");
}

/** A horizontal line, a dot and an X, as a visitor scribbles them. */
export const SCRIBBLES: Record<string, Stroke[]> = {
  line: [[[0.2, 0.5], [0.35, 0.505], [0.5, 0.5], [0.65, 0.495], [0.8, 0.5]]],
  dot: [[[0.5, 0.5]]],
  x: [
    [[0.25, 0.25], [0.5, 0.5], [0.75, 0.75]],
    [[0.75, 0.25], [0.5, 0.5], [0.25, 0.75]],
  ],
};
