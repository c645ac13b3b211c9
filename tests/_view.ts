/**
 * What the browser tests read back from the page: where a hook is, the input
 * the network saw, the bars and the forward-pass strips, the page's width,
 * colours and their contrast, and what axe-core finds.
 *
 * @module
 */

import type { Page } from "playwright-core";
import { ROOT } from "./_browser.ts";

/** The bounding box of a test hook; throws when it is not displayed. */
export async function boxOf(page: Page, testid: string) {
  const box = await page.getByTestId(testid).boundingBox();
  if (!box) throw new Error(`${testid} is not displayed`);
  return box;
}

/** The 784 values of the input view, as the page drew them. */
export function inputPixels(page: Page): Promise<number[]> {
  return page.getByTestId("input-view").evaluate((canvas) => {
    const context = (canvas as HTMLCanvasElement).getContext("2d")!;
    const { data } = context.getImageData(0, 0, 28, 28);
    return Array.from({ length: 784 }, (_, i) => data[i * 4]);
  });
}

/** The text of the bar of `digit` in the probability chart. */
export function bar(page: Page, digit: number): Promise<string> {
  return page.getByTestId("probabilities").locator("li").nth(digit).innerText();
}

/** A forward-pass strip: how many cells it has, and the values of those that have one. */
export async function strip(page: Page, name: string) {
  const cells = page.getByTestId(`strip-${name}`).locator("rect");
  const values = await cells.evaluateAll((rects) =>
    rects.flatMap((rect) => {
      const value = rect.getAttribute("data-value");
      return value === null ? [] : [Number(value)];
    })
  );
  return { cells: await cells.count(), values };
}

/**
 * A forward-pass strip once it holds values: off the screen the strips take
 * an answer when the page is idle, not in the answer's own task.
 */
export async function filledStrip(page: Page, name: string) {
  await page.waitForFunction(
    (testid) =>
      document.querySelectorAll(`[data-testid="${testid}"] rect[data-value]`)
        .length > 0,
    `strip-${name}`,
  );
  return strip(page, name);
}

/** The page's width; more than the viewport means horizontal scroll. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Whether two pixel lists are equal. */
export function equalPixels(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** WCAG contrast of two CSS colours `rgb(r, g, b)`. */
export function contrast(a: string, b: string): number {
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
export function colours(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return { color: style.color, background: style.backgroundColor };
  });
}

/** A rule axe-core found broken, with the nodes that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core (the npm package, injected into the page by evaluation, which
 * the page's CSP does not govern) on the whole page; returns the serious and
 * critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= Deno.readTextFile(
    new URL("node_modules/axe-core/axe.min.js", ROOT),
  );
  const source = await axeSource;
  if (!await page.evaluate(() => "axe" in globalThis)) {
    await page.evaluate(source);
  }
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const results = await axe.run(document, {
      resultTypes: ["violations"],
    });
    // deno-lint-ignore no-explicit-any
    return results.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      // deno-lint-ignore no-explicit-any
      targets: v.nodes.slice(0, 5).map((n: any) => String(n.target)),
    }));
  }).then((all: AxeViolation[]) =>
    all.filter((v) => v.impact === "serious" || v.impact === "critical")
  );
}

/** Whether a box lies wholly inside the viewport (scrolled as the page is now). */
export function inView(
  box: { x: number; y: number; width: number; height: number },
  viewport: { width: number; height: number },
): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width &&
    box.y + box.height <= viewport.height;
}
