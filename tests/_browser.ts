/**
 * Helpers of the browser tests (tests/static/): the real server (main.ts) on
 * a free port, headless Chromium through playwright-core, digits drawn as a
 * hand would, and the ways to keep the device engine away (held, blocked, no
 * SIMD).
 *
 * @module
 */

import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServer as startProcess } from "../scripts/bench/server_process.ts";
import type { Stroke } from "../lib/input/mod.ts";
import { DIGITS, ellipse } from "../scripts/calibrate/drawings.ts";

// playwright-core probes for WSL (/proc/sys/fs/binfmt_misc/WSLInterop) when it
// loads, and Deno 2.9 lets only --allow-all read /proc/sys; the tests run with
// named permissions (deno.json "test.permissions"), so answer the probe here.
const existsSync = fs.existsSync;
fs.existsSync = (path) =>
  String(path).startsWith("/proc/sys/") ? false : existsSync(path);
const { chromium } = await import("playwright-core");

/** The repository root. */
export const ROOT = new URL("..", import.meta.url);
const CHROMIUM = "/usr/bin/chromium";

/** Launches the system's headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** A stroke as a hand would make it, in canvas units (0–1 from the top left). */
export type { Stroke };

/** Digits both models read right, as strokes. */
export { DIGITS };

/** A circle around the 1 that turns it into something else (for undo). */
export const EXTRA: Stroke = ellipse(0.5, 0.5, 0.3, 0.36);

/** The server under test, with what it printed. */
export interface Server {
  origin: string;
  running(): boolean;
  log(): string;
  close(): Promise<void>;
}

/** Starts `deno run -P=serve main.ts` on a free port and waits for /api/health. */
export async function startServer(
  env: Record<string, string> = {},
): Promise<Server> {
  const server = await startProcess({ env });
  return {
    origin: server.url,
    running: server.running,
    log: server.log,
    close: async () => void await server.stop(),
  };
}

/**
 * Opens `/` in a new context, recording console and page errors in `problems`.
 * The context is English (`locale: "en-US"`) and blocks service workers
 * (`serviceWorkers: "block"`), so each test starts from a first visit,
 * unless the options say otherwise.
 */
export async function open(
  browser: Browser,
  origin: string,
  options: Parameters<Browser["newContext"]>[0] & {
    problems: string[];
    /** Runs on the new context before the page opens (routes, init scripts). */
    setup?: (context: BrowserContext) => Promise<void>;
  },
): Promise<{ context: BrowserContext; page: Page }> {
  const { problems, setup, ...contextOptions } = options;
  const context = await browser.newContext({
    baseURL: origin,
    locale: "en-US",
    serviceWorkers: "block",
    ...contextOptions,
  });
  await setup?.(context);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console: ${message.text()} (${page.url()})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
  // "load" comes after the module script has hydrated the page
  const response = await page.goto("/");
  if (response?.status() !== 200) {
    throw new Error(
      `GET / answered ${response?.status()}: is pageRoutes() mounted in routes/app.ts?`,
    );
  }
  return { context, page };
}

/**
 * A browser test: `main.ts` on a free port and a launched Chromium, both
 * closed after `fn` whatever happens (with the server's log when it stopped
 * early). The sanitizers are off: playwright keeps pipes to the browser
 * process open between steps.
 */
export function browserTest(
  name: string,
  fn: (
    t: Deno.TestContext,
    server: Server,
    browser: Browser,
  ) => Promise<void>,
): void {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      const server = await startServer();
      const browser = await launchBrowser();
      try {
        await fn(t, server, browser);
      } finally {
        await browser.close();
        if (!server.running()) {
          console.error(`main.ts stopped:\n${server.log()}`);
        }
        await server.close();
      }
    },
  });
}

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

/** Waits until the page predicts on this device (the engine line says so). */
export async function deviceReady(page: Page, timeout = 90_000) {
  await page.locator('[data-testid="engine"][data-engine="device"]').waitFor({
    timeout,
  });
}

/**
 * Keeps onnxruntime's wasm from arriving in this context, so the device
 * engine fails to load and the page stays on the API.
 */
export async function blockWasm(context: BrowserContext) {
  await context.route(/\.wasm(\?|$)/, (route) => route.abort());
}

/**
 * Holds the device engine's chunk on its way for as long as the context
 * lives: the page stays where a first visit starts, predicting through the
 * API while the engine "loads".
 */
export async function holdEngine(context: BrowserContext) {
  await context.route(/\/static\/engine\.js/, () => {});
}

/**
 * Makes the browser look as if it had no WebAssembly SIMD (every tiny probe
 * using the SIMD prefix fails validation), so the page stays on the API
 * without any failed request.
 */
export async function withoutSimd(context: BrowserContext) {
  await context.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const view = new Uint8Array(bytes as ArrayBuffer);
      return view.length < 64 && view.includes(0xfd) ? false : validate(bytes);
    };
  });
}

/** The URLs of the files the page loads after its first paint (its "assets" island). */
export async function pageFiles(page: Page): Promise<{
  engine: string;
  wasm: string;
  gallery: string;
  models: Record<string, string>;
}> {
  const text = await page.locator("#assets").textContent();
  return JSON.parse(text ?? "null");
}

/** The bounding box of a test hook; throws when it is not displayed. */
export async function boxOf(page: Page, testid: string) {
  const box = await page.getByTestId(testid).boundingBox();
  if (!box) throw new Error(`${testid} is not displayed`);
  return box;
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

/** The page's width; more than the viewport means horizontal scroll. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Whether two pixel lists are equal. */
export function equalPixels(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
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

/** A horizontal line, a dot and an X, as a visitor scribbles them. */
export const SCRIBBLES: Record<string, Stroke[]> = {
  line: [[[0.2, 0.5], [0.35, 0.505], [0.5, 0.5], [0.65, 0.495], [0.8, 0.5]]],
  dot: [[[0.5, 0.5]]],
  x: [
    [[0.25, 0.25], [0.5, 0.5], [0.75, 0.75]],
    [[0.75, 0.25], [0.5, 0.5], [0.25, 0.75]],
  ],
};
