// Helpers of the browser tests (tests/static/): the real server (main.ts) on a
// free port, headless Chromium through playwright-core, and digits drawn as a
// hand would.

import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";

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
export type Stroke = [x: number, y: number][];

/** Points along a smooth path through `via`, `n` points a segment. */
function path(via: Stroke, n = 6): Stroke {
  const points: Stroke = [];
  for (let i = 0; i < via.length - 1; i++) {
    const [x0, y0] = via[i];
    const [x1, y1] = via[i + 1];
    for (let k = 0; k < n; k++) {
      points.push([x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n]);
    }
  }
  return [...points, via[via.length - 1]];
}

/** An ellipse from the top, counter-clockwise, overlapping its start a little. */
function oval(cx: number, cy: number, rx: number, ry: number): Stroke {
  return Array.from({ length: 40 }, (_, i) => {
    const angle = -Math.PI / 2 - i / 36 * 2 * Math.PI;
    const tilt = 0.06 * Math.sin(angle); // a hand leans the top to the right
    return [cx + rx * Math.cos(angle) - tilt * ry, cy + ry * Math.sin(angle)];
  });
}

/** Digits both models read right, as strokes. */
export const DIGITS: Record<string, Stroke[]> = {
  "1": [path([[0.54, 0.16], [0.52, 0.4], [0.49, 0.64], [0.47, 0.85]])],
  "0": [oval(0.5, 0.5, 0.2, 0.33)],
  "7": [
    path([[0.27, 0.2], [0.5, 0.19], [0.72, 0.18], [0.66, 0.34], [0.57, 0.52], [
      0.5,
      0.68,
    ], [0.45, 0.85]]),
  ],
};

/** A circle around the 1 that turns it into something else (for undo). */
export const EXTRA: Stroke = oval(0.5, 0.5, 0.3, 0.36);

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The server under test, with what it printed. */
export interface Server {
  origin: string;
  running(): boolean;
  log(): string;
  close(): Promise<void>;
}

/** Starts `deno run -P=serve main.ts` on a free port and waits for /api/health. */
export async function startServer(): Promise<Server> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-P=serve", "main.ts"],
    cwd: ROOT.pathname,
    env: { PORT: String(port), LOG: "0" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let log = "";
  const collect = (stream: ReadableStream<Uint8Array>) =>
    stream.pipeThrough(
      new TextDecoderStream() as TransformStream<Uint8Array, string>,
    )
      .pipeTo(new WritableStream({ write: (chunk) => void (log += chunk) }));
  const draining = Promise.all([collect(child.stdout), collect(child.stderr)]);
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    log += `\n[exited: code ${s.code}, signal ${s.signal}]`;
  });
  const server: Server = {
    origin: `http://127.0.0.1:${port}`,
    running: () => !exited,
    log: () => log,
    async close() {
      if (!exited) child.kill("SIGTERM");
      await status;
      await draining;
    },
  };
  for (let tries = 0; tries < 300 && !exited; tries++) {
    const ok = await fetch(`${server.origin}/api/health`).then(
      async (r) => (await r.body?.cancel(), r.ok),
      () => false,
    );
    if (ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.close();
  throw new Error(
    `main.ts did not answer /api/health on ${server.origin}:\n${log}`,
  );
}

/** Opens `/` in a new context, recording console and page errors in `problems`. */
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
  const box = await boxOf(page, "canvas");
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
  await page.waitForFunction(
    ([name, n]) => performance.getEntriesByName(name as string).length > n,
    [FINAL_MARK, shown] as const,
  );
  await settled(page);
}

/** Draws one stroke with touch events (Chrome DevTools Protocol); resolves once answered. */
export async function touchDraw(
  context: BrowserContext,
  page: Page,
  stroke: Stroke,
) {
  const box = await boxOf(page, "canvas");
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
