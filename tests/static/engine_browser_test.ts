/**
 * The device engine as a phone meets it, in a real Chromium: with Save-Data
 * on or a slow connection the page stays on the API, fetches no wasm and
 * offers the device with its size (which is what the download then takes);
 * on a fast link the DeepConvNet's file comes only once the MLP is ready;
 * and while a finger draws, the main thread reads no pixels and runs no
 * network — the strokes go to the engine's worker, one reading at a time —
 * and the forward pass off the screen does not follow the pen.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { BrowserContext, Page } from "playwright-core";
import { browserTest, deviceReady, open } from "../_browser.ts";
import { DIGITS, settled } from "../_pen.ts";
import { boxOf } from "../_view.ts";

const PHONE = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** A file the page asked for, with its body's size as sent once it came. */
interface Fetched {
  path: string;
  sent?: number;
}

/** Records every request of a context (its workers' too), with its size as sent. */
function fetches(context: BrowserContext): Fetched[] {
  const all: Fetched[] = [];
  context.on("request", (request) => {
    const entry: Fetched = { path: new URL(request.url()).pathname };
    all.push(entry);
    request.response().then(async (response) => {
      await response?.finished();
      entry.sent = (await request.sizes()).responseBodySize;
    }).catch(() => {});
  });
  return all;
}

const asked = (all: Fetched[], file: string) =>
  all.filter((f) => f.path === `/static/${file}`);

/** Turns Save-Data on for the page (CDP), as a phone's data saver does. */
async function saveData(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setDataSaverOverride", { dataSaverEnabled: true });
}

/** Tells the page's `navigator.connection` that the link is Slow 3G (CDP). */
async function slowLink(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.overrideNetworkState", {
    offline: false,
    latency: 2000,
    downloadThroughput: 50_000,
    uploadThroughput: 50_000,
  });
}

async function saveDataOffer(context: BrowserContext, page: Page) {
  const all = fetches(context);
  const offer = page.getByTestId("engine-offer");
  await offer.waitFor();
  // the page is idle, drawings read through the API, and nothing of the engine came
  await page.waitForTimeout(2000);
  for (const file of ["engine.js", "ort-wasm-simd-threaded.wasm", "mlp.onnx"]) {
    assertEquals(asked(all, file), [], `${file} fetched unasked`);
  }
  const line = await page.getByTestId("engine").innerText();
  const match = line.match(
    /^server · Save-Data is on · run on this device: (\d+\.\d) MB$/,
  );
  if (!match) throw new Error(`the engine line says: ${line}`);
  await offer.click();
  await deviceReady(page);
  // what came is what was offered: the engine (its worker's script, in the
  // page's resource timing), the wasm and the MLP (the worker's requests)
  const sent = (file: string) => asked(all, file)[0]?.sent ?? NaN;
  const files = ["ort-wasm-simd-threaded.wasm", "mlp.onnx"];
  const engine = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .find((entry) => entry.name.includes("/static/engine.js"))
      ?.encodedBodySize ?? NaN
  );
  const total = files.reduce((sum, file) => sum + sent(file), engine);
  assertEquals(
    (total / 1e6).toFixed(1),
    match[1],
    `sent ${engine}, ${files.map(sent)}`,
  );
  // the DeepConvNet only once it is chosen
  assertEquals(asked(all, "deep-cnn.onnx"), []);
  await page.getByTestId("model-deep-cnn").click();
  await deviceReady(page, { both: true });
  assertEquals(asked(all, "deep-cnn.onnx").length, 1);
}

async function slowLinkOffer(page: Page) {
  await page.getByTestId("engine-offer").waitFor();
  assertMatch(
    await page.getByTestId("engine").innerText(),
    /^server · the connection is slow · run on this device: \d+\.\d MB$/,
  );
}

/** Where the page predicted each time the DeepConvNet's file was asked for. */
async function deepAfterMlp(context: BrowserContext) {
  const engineThen: string[] = [];
  let page: Page | undefined;
  await context.route(/\/static\/deep-cnn\.onnx/, async (route) => {
    const engine = await page?.getByTestId("engine").getAttribute(
      "data-engine",
    );
    engineThen.push(engine ?? "no page");
    await route.continue();
  });
  return {
    engineThen,
    watch: (opened: Page) => void (page = opened),
  };
}

/** Wraps the page's workers and canvases to count what the main thread does. */
function mainThreadWatch() {
  const seen = { reads: 0, inFlight: 0, most: 0, pixelsRead: 0 };
  Object.assign(globalThis, { mainThreadSeen: seen });
  const Base = globalThis.Worker;
  globalThis.Worker = class extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "object" && "id" in event.data) {
          seen.inFlight = Math.max(0, seen.inFlight - 1);
        }
      });
    }
    override postMessage(message: unknown, transfer?: unknown) {
      const job = (message as { job?: string })?.job;
      if (job === "read" || job === "predict") {
        if (job === "read") seen.reads++;
        seen.most = Math.max(seen.most, ++seen.inFlight);
      }
      // deno-lint-ignore no-explicit-any
      super.postMessage(message, transfer as any);
    }
  };
  const read = CanvasRenderingContext2D.prototype.getImageData;
  CanvasRenderingContext2D.prototype.getImageData = function (...args) {
    seen.pixelsRead++;
    return read.apply(this, args);
  };
}

/** One stroke by touch, 45 events; what the main thread did until the finger lifts. */
async function strokeWatched(page: Page) {
  const box = await boxOf(page, "canvas");
  const cdp = await page.context().newCDPSession(page);
  const points = DIGITS["7"][0].map(([u, v]) => ({
    x: box.x + u * box.width,
    y: box.y + v * box.height,
  }));
  await page.evaluate(() => {
    const strips = document.querySelector('[data-testid="forward-pass"]')!;
    const seen = (globalThis as unknown as { mainThreadSeen: object })
      .mainThreadSeen as Record<string, number>;
    Object.assign(seen, { reads: 0, most: 0, pixelsRead: 0, strips: 0 });
    new MutationObserver((records) => seen.strips += records.length)
      .observe(strips, { subtree: true, attributeFilter: ["data-value"] });
  });
  for (const [i, point] of points.entries()) {
    await cdp.send("Input.dispatchTouchEvent", {
      type: i === 0 ? "touchStart" : "touchMove",
      touchPoints: [point],
    });
    await page.waitForTimeout(16);
  }
  const during = await page.evaluate(() => ({
    ...(globalThis as unknown as { mainThreadSeen: Record<string, number> })
      .mainThreadSeen,
  }));
  await cdp.send("Input.dispatchTouchEvent", {
    type: "touchEnd",
    touchPoints: [],
  });
  await cdp.detach();
  return during;
}

async function mainThreadFree(page: Page) {
  await deviceReady(page, { both: true });
  // a first drawing: the answer's panels and the forward pass appear
  await strokeWatched(page);
  assertEquals(await settled(page), "7");
  await page.getByTestId("clear").click();
  const during = await strokeWatched(page);
  assertEquals(await settled(page), "7");
  assert(during.reads >= 3, `the pen was followed ${during.reads} times`);
  assertEquals(during.most, 1, "more than one reading on its way");
  assertEquals(during.pixelsRead, 0, "the main thread read pixels");
  assertEquals(during.strips, 0, "the strips off the screen followed the pen");
  // the finished stroke is in the strips, seen or not (written in the
  // frame after its answer: waited for, within 5 s)
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="strip-z2"] rect[data-value]')
        .length === 100,
    undefined,
    { timeout: 5000 },
  );
}

browserTest(
  "on a phone, the engine comes as the link allows and keeps off the main thread",
  async (t, server, browser) => {
    await t.step(
      "Save-Data: no engine until asked, offered with the size it then takes; the DeepConvNet when chosen",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          ...PHONE,
          problems,
          before: saveData,
        });
        await saveDataOffer(context, page);
        await context.close();
      },
    );
    await t.step(
      "a slow connection: the same offer, saying why",
      async () => {
        const { context, page } = await open(browser, server.origin, {
          ...PHONE,
          problems,
          before: slowLink,
        });
        await slowLinkOffer(page);
        await context.close();
      },
    );
    let fast: { context: BrowserContext; page: Page } | undefined;
    await t.step(
      "a fast link: the DeepConvNet's file only after the MLP is ready",
      async () => {
        let deep: Awaited<ReturnType<typeof deepAfterMlp>> | undefined;
        fast = await open(browser, server.origin, {
          ...PHONE,
          problems,
          setup: async (context) => {
            deep = await deepAfterMlp(context);
            await context.addInitScript(mainThreadWatch);
          },
          before: (page) => Promise.resolve(deep!.watch(page)),
        });
        await deviceReady(fast.page, { both: true });
        assertEquals(deep!.engineThen, ["device"]);
      },
    );
    await t.step(
      "a stroke: read in the worker, one reading at a time, the strips off the screen left alone",
      async () => {
        await mainThreadFree(fast!.page);
        await fast!.context.close();
      },
    );
    await t.step("no console errors", () => {
      assertEquals(problems, []);
    });
  },
);
