// The demo page in a real headless Chromium against the real server (main.ts):
// drawing with pointer events, Clear, Undo, the book's example, the language
// switch, a phone-sized screen, and no console errors along the way.

import { assert, assertEquals, assertMatch } from "@std/assert";
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";

// playwright-core probes for WSL (/proc/sys/fs/binfmt_misc/WSLInterop) when it
// loads, and Deno 2.9 lets only --allow-all read /proc/sys; the tests run with
// named permissions (deno.json "test.permissions"), so answer the probe here.
const existsSync = fs.existsSync;
fs.existsSync = (path) =>
  String(path).startsWith("/proc/sys/") ? false : existsSync(path);
const { chromium } = await import("playwright-core");

const ROOT = new URL("..", import.meta.url);
const CHROMIUM = "/usr/bin/chromium";

/** A stroke as a hand would make it, in canvas units (0–1 from the top left). */
type Stroke = [x: number, y: number][];

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

const DIGITS: Record<string, Stroke[]> = {
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
const EXTRA: Stroke = oval(0.5, 0.5, 0.3, 0.36);

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The server under test, with what it printed. */
interface Server {
  origin: string;
  running(): boolean;
  log(): string;
  close(): Promise<void>;
}

/** Starts `deno run -P=serve main.ts` on a free port and waits for /api/health. */
async function startServer(): Promise<Server> {
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

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

async function open(
  browser: Browser,
  origin: string,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, ...options });
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

/** Draws strokes with the mouse; resolves once the final answer is shown. */
async function draw(page: Page, strokes: Stroke[], pause = 0) {
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
    await page.mouse.up();
  }
  await settled(page);
}

/** Waits until no request is on its way, then returns the shown digit. */
async function settled(page: Page): Promise<string> {
  await page.locator('.play[aria-busy="false"]').waitFor();
  return await page.getByTestId("prediction").innerText();
}

/** The bounding box of a test hook; throws when it is not displayed. */
async function boxOf(page: Page, testid: string) {
  const box = await page.getByTestId(testid).boundingBox();
  if (!box) throw new Error(`${testid} is not displayed`);
  return box;
}

/** The 784 values of the input view, as the page drew them. */
function inputPixels(page: Page): Promise<number[]> {
  return page.getByTestId("input-view").evaluate((canvas) => {
    const context = (canvas as HTMLCanvasElement).getContext("2d")!;
    const { data } = context.getImageData(0, 0, 28, 28);
    return Array.from({ length: 784 }, (_, i) => data[i * 4]);
  });
}

/** The text of the bar of `digit` in the probability chart. */
function bar(page: Page, digit: number): Promise<string> {
  return page.getByTestId("probabilities").locator("li").nth(digit).innerText();
}

Deno.test({
  name: "the demo page reads drawn digits and test images in a real browser",
  // playwright keeps pipes to the browser process open between steps
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const server = await startServer();
    const browser = await chromium.launch({
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
    try {
      const { page } = await open(browser, server.origin, {
        viewport: { width: 1280, height: 900 },
        locale: "en-US",
      });

      await t.step(
        "an empty canvas shows a prompt, not a prediction",
        async () => {
          assertEquals(await page.getByTestId("prediction").innerText(), "");
          assertMatch(
            await page.locator(".prompt").innerText(),
            /Draw a digit/,
          );
          assertEquals(await bar(page, 0), "0\n–");
          assertMatch(
            await page.getByTestId("accuracy").innerText(),
            /^93\.52%$/,
          );
        },
      );

      for (const digit of ["1", "0", "7"]) {
        await t.step(`a drawn ${digit} is read as ${digit}`, async () => {
          await page.getByTestId("clear").click();
          await draw(page, DIGITS[digit]);
          assertEquals(await settled(page), digit);
          assertMatch(await bar(page, Number(digit)), /^\d\n\d+\.\d%$/);
          const ink = (await inputPixels(page)).filter((v) => v > 0).length;
          assert(
            ink > 40 && ink < 400,
            `${ink} inked pixels in the input view`,
          );
        });
      }

      await t.step(
        "drawing asks while the pen moves, at most once per 150 ms",
        async () => {
          await page.getByTestId("clear").click();
          const sent: number[] = [];
          const onRequest = (request: { url(): string }) => {
            if (request.url().endsWith("/api/predict")) sent.push(Date.now());
          };
          page.on("request", onRequest);
          const start = Date.now();
          await draw(page, DIGITS["7"], 25);
          const elapsed = Date.now() - start;
          page.off("request", onRequest);
          assert(sent.length >= 3, `${sent.length} requests in ${elapsed} ms`);
          assert(
            sent.length <= elapsed / 150 + 2,
            `${sent.length} requests in ${elapsed} ms`,
          );
          assertEquals(await settled(page), "7");
        },
      );

      await t.step(
        "Clear (button and Escape) empties the prediction",
        async () => {
          await page.getByTestId("clear").click();
          assertEquals(await settled(page), "");
          assertEquals(await bar(page, 7), "7\n–");
          assert((await inputPixels(page)).every((v) => v === 0));
          await draw(page, DIGITS["1"]);
          await page.keyboard.press("Escape");
          assertEquals(await settled(page), "");
        },
      );

      await t.step(
        "Undo (button and Ctrl+Z) removes the last stroke",
        async () => {
          await draw(page, DIGITS["1"]);
          assertEquals(await settled(page), "1");
          const one = await inputPixels(page);
          await draw(page, [EXTRA]);
          assert(
            !equalPixels(await inputPixels(page), one),
            "circle not drawn",
          );
          await page.getByTestId("undo").click();
          assertEquals(await settled(page), "1");
          assert(equalPixels(await inputPixels(page), one), "undo left ink");
          await draw(page, [EXTRA]);
          await page.keyboard.press("Control+z");
          assertEquals(await settled(page), "1");
          assert(equalPixels(await inputPixels(page), one), "Ctrl+Z left ink");
          await page.getByTestId("undo").click();
          assertEquals(await settled(page), "");
          assert(await page.getByTestId("undo").isDisabled());
        },
      );

      await t.step(
        "the book's example, test image 11, is a 6 at 91.2%",
        async () => {
          await page.getByTestId("example-11").click();
          assertEquals(await settled(page), "6");
          assertEquals(await bar(page, 6), "6\n91.2%");
          assertMatch(await page.locator(".confidence").innerText(), /#11/);
          const ink = (await inputPixels(page)).filter((v) => v > 0).length;
          assert(ink > 80, `${ink} inked pixels of test image 11`);
        },
      );

      await t.step(
        "a misread test image from the gallery shows its wrong answer",
        async () => {
          const tile = page.getByTestId("gallery").locator(".tile-wrong")
            .first();
          const label = await tile.getAttribute("aria-label") ?? "";
          const [, answer] = label.match(/read as (\d)/) ?? [];
          assertMatch(answer ?? "", /^\d$/, label);
          await tile.click();
          assertEquals(await settled(page), answer);
        },
      );

      await t.step("the book's example works from the keyboard", async () => {
        await page.getByTestId("clear").click();
        await page.getByTestId("example-11").focus();
        await page.keyboard.press("Enter");
        assertEquals(await settled(page), "6");
      });

      await t.step(
        "desktop: canvas and results side by side, screenshot",
        async () => {
          await page.getByTestId("clear").click();
          await page.evaluate(() => scrollTo(0, 0));
          await draw(page, DIGITS["7"]);
          const canvas = await page.getByTestId("canvas").boundingBox();
          const bars = await page.getByTestId("probabilities").boundingBox();
          assert(canvas && bars && bars.x > canvas.x + canvas.width);
          await page.screenshot({
            path: new URL("docs/screenshot-desktop.png", ROOT).pathname,
          });
        },
      );

      await t.step(
        "Korean first for a Korean browser; the switch is remembered",
        async () => {
          const { context, page: ko } = await open(browser, server.origin, {
            locale: "ko-KR",
          });
          assertEquals(await ko.getAttribute("html", "lang"), "ko");
          assertEquals(
            await ko.locator("h1").innerText(),
            "손글씨 숫자 인식기",
          );
          await ko.getByTestId("lang").click();
          assertEquals(await ko.getAttribute("html", "lang"), "en");
          assertEquals(
            await ko.locator("h1").innerText(),
            "Handwritten digit recogniser",
          );
          await ko.reload();
          await ko.waitForFunction(() =>
            document.documentElement.lang === "en"
          );
          assertEquals(await ko.getByTestId("lang").innerText(), "한국어");
          await context.close();
        },
      );

      await t.step(
        "phone: no horizontal scroll, the canvas fits, touch draws",
        async () => {
          const { context, page: phone } = await open(browser, server.origin, {
            viewport: { width: 375, height: 812 },
            deviceScaleFactor: 2,
            isMobile: true,
            hasTouch: true,
            locale: "en-US",
          });
          const width = await phone.evaluate(() =>
            document.documentElement.scrollWidth
          );
          assert(width <= 375, `the page is ${width} px wide`);
          const box = await boxOf(phone, "canvas");
          assert(box.x >= 0 && box.x + box.width <= 375, "canvas overflows");
          const touch = await context.newCDPSession(phone);
          const [first, ...rest] = DIGITS["0"][0].map(([u, v]) => ({
            x: box.x + u * box.width,
            y: box.y + v * box.height,
          }));
          const scrolled = await phone.evaluate(() => globalThis.scrollY);
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
          assertEquals(await settled(phone), "0");
          assertEquals(
            await phone.evaluate(() => globalThis.scrollY),
            scrolled,
          );
          await phone.screenshot({
            path: new URL("docs/screenshot-phone.png", ROOT).pathname,
          });
          const after = await phone.evaluate(() =>
            document.documentElement.scrollWidth
          );
          assert(after <= 375, `the page is ${after} px wide after drawing`);
          await context.close();
        },
      );

      await t.step(
        "no console errors or page errors; the server stayed up",
        () => {
          assertEquals(problems, []);
          assert(server.running(), `the server stopped:\n${server.log()}`);
        },
      );
    } finally {
      await browser.close();
      if (!server.running()) console.error(`main.ts stopped:\n${server.log()}`);
      await server.close();
    }
  },
});

function equalPixels(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
