/**
 * deno task bench:page: the page in Debian's Chromium (playwright-core), as a
 * visitor meets it — with the figures docs/BENCHMARKS.md reports:
 *   1. pointerup → prediction shown, median of 20 strokes, CPU throttled 4×
 *      (CDP Emulation.setCPUThrottlingRate), on the device and through the API;
 *   2. requests and bytes of one drawn digit, on the device and through the API;
 *   3. a first visit on a Slow-3G phone profile (a link of 2 s RTT and 50 KB/s
 *      each way, scripts/bench/slow_link.ts; CPU 4× slower): first paint, first
 *      (API) prediction, device ready, bytes on the wire;
 *   4. a repeat visit on the same profile: device ready from the cache, bytes;
 *   5. the network off after one visit: the page loads and reads a drawn 7.
 * Run `deno task build` first so the server has its precompressed files.
 * `--strokes-only` measures 1 and 2 alone (a minute instead of eight).
 *
 * @module
 */

import type {
  Browser,
  BrowserContext,
  CDPSession,
  Page,
} from "playwright-core";
import {
  deviceReady,
  launchBrowser,
  open,
  startServer,
  withoutSimd,
} from "../../tests/_browser.ts";
import { DIGITS, draw, FINAL_MARK, settled } from "../../tests/_pen.ts";
import { PRECOMPRESSED_DIR } from "../../lib/assets/mod.ts";
import { SLOW_3G, type SlowLink, startSlowLink } from "./slow_link.ts";

/** The CPU slowdown of a mid-range phone against this machine, as Lighthouse uses. */
export const PHONE_CPU = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Counts the requests of a page and the bytes they took on the wire. */
async function wire(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  let requests = 0;
  cdp.on("Network.loadingFinished", (event) => {
    bytes += event.encodedDataLength;
  });
  cdp.on("Network.requestWillBeSent", () => requests++);
  return {
    cdp,
    take() {
      const taken = { bytes, requests };
      bytes = requests = 0;
      return taken;
    },
  };
}

/** Milliseconds from pointerup to the finished stroke's answer on the page. */
async function strokeLatency(page: Page, digit: string): Promise<number> {
  await page.getByTestId("clear").click();
  await page.evaluate(() => {
    performance.clearMarks();
    addEventListener("pointerup", () => performance.mark("pointerup"), {
      capture: true,
      once: true,
    });
  });
  await draw(page, DIGITS[digit]);
  return await page.evaluate((name) => {
    const up = performance.getEntriesByName("pointerup")[0].startTime;
    const shown = performance.getEntriesByName(name)[0].startTime;
    return shown - up;
  }, FINAL_MARK);
}

async function throttle(cdp: CDPSession, rate: number) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/** Figure 1 and 2: strokes on the device and through the API. */
async function strokes(page: Page, context: BrowserContext, where: string) {
  const cdp = await context.newCDPSession(page);
  const counter = await wire(page);
  counter.take();
  await page.getByTestId("clear").click();
  await draw(page, DIGITS["7"]);
  const oneDigit = counter.take();
  await throttle(cdp, PHONE_CPU);
  const times: number[] = [];
  const digits = ["1", "0", "7"];
  for (let i = 0; i < 20; i++) {
    times.push(await strokeLatency(page, digits[i % 3]));
  }
  await throttle(cdp, 1);
  const read = await settled(page);
  console.log(
    `${where}: pointerup → prediction, CPU 4×, median of 20: ${
      median(times).toFixed(1)
    } ms (min ${Math.min(...times).toFixed(1)}, max ${
      Math.max(...times).toFixed(1)
    }); one drawn 7: ${oneDigit.requests} requests, ${
      (oneDigit.bytes / 1024).toFixed(1)
    } KB; last read ${read}`,
  );
}

/** Milliseconds since navigation start until `predicate` holds on the page. */
async function timeUntil(page: Page, selector: string): Promise<number> {
  await page.locator(selector).waitFor({ timeout: 600_000 });
  return await page.evaluate(() => performance.now());
}

/** Kilobytes, one decimal. */
function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** A phone's page on a link: its own context, CPU slowed as a phone's. */
async function phoneOn(browser: Browser, origin: string) {
  const problems: string[] = [];
  const context = await browser.newContext({
    baseURL: origin,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    locale: "en-US",
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(error.message));
  await throttle(await context.newCDPSession(page), PHONE_CPU);
  return { context, page, problems };
}

/** Figure 3: the first visit, a 7 drawn after load, until the worker has cached the files. */
async function firstVisit(page: Page, link: SlowLink) {
  await page.goto("/", { waitUntil: "load", timeout: 600_000 });
  const { paint, load } = await page.evaluate(() => ({
    paint: performance.getEntriesByName("first-contentful-paint")[0]
      ?.startTime ?? NaN,
    load: performance.getEntriesByType("navigation")[0]
      .toJSON().loadEventEnd as number,
  }));
  await page.evaluate(() =>
    addEventListener("pointerup", () => performance.mark("pointerup"), {
      capture: true,
      once: true,
    })
  );
  await draw(page, DIGITS["7"]);
  const first = await page.evaluate((name) => ({
    shown: performance.getEntriesByName(name)[0].startTime,
    up: performance.getEntriesByName("pointerup")[0].startTime,
  }), FINAL_MARK);
  const engine = await page.getByTestId("engine").getAttribute("data-engine");
  const digit = await settled(page);
  const ready = await timeUntil(page, '[data-engine="device"]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // the worker copies the page's files, mostly from the HTTP cache
  await page.waitForFunction(
    async () => {
      const names = await caches.keys();
      if (names.length === 0) return false;
      const cache = await caches.open(names[0]);
      return (await cache.keys()).length >= 8;
    },
    undefined,
    { timeout: 600_000, polling: 500 },
  );
  await page.waitForTimeout(3000);
  const wire = link.take();
  console.log(
    `first visit, Slow 3G + CPU 4×: first contentful paint ${
      paint.toFixed(0)
    } ms, load ${
      load.toFixed(0)
    } ms; a 7 drawn after load: answer (${engine}, read ${digit}) at ${
      (first.shown / 1000).toFixed(1)
    } s, ${
      (first.shown - first.up).toFixed(0)
    } ms after pointerup; device ready ${
      (ready / 1000).toFixed(1)
    } s; on the wire ${kb(wire.down)} down, ${
      kb(wire.up)
    } up, ${wire.connections} connections`,
  );
}

/** Figure 4: the same page again, the engine from the cache. */
async function repeatVisit(page: Page, link: SlowLink) {
  await page.reload({ waitUntil: "load", timeout: 600_000 });
  const again = await timeUntil(page, '[data-engine="device"]');
  const paint = await page.evaluate(() =>
    performance.getEntriesByName("first-contentful-paint")[0]?.startTime ??
      NaN
  );
  await page.waitForTimeout(5000);
  const wire = link.take();
  console.log(
    `repeat visit, Slow 3G + CPU 4×: first contentful paint ${
      paint.toFixed(0)
    } ms, device ready ${again.toFixed(0)} ms; on the wire ${
      kb(wire.down)
    } down, ${kb(wire.up)} up`,
  );
}

/** Figure 5: the network off, the page from the worker, a 7 read on the device. */
async function offlineVisit(
  context: BrowserContext,
  page: Page,
  link: SlowLink,
) {
  await context.setOffline(true);
  await page.reload({ waitUntil: "load" });
  const offline = await timeUntil(page, '[data-engine="device"]');
  await draw(page, DIGITS["7"]);
  const wire = link.take();
  console.log(
    `offline after one visit: device ready ${
      offline.toFixed(0)
    } ms, a drawn 7 read as ${await settled(page)}; on the wire ${
      kb(wire.down)
    }`,
  );
}

/** Figures 3–5: a phone on a Slow-3G link, first and repeat visits, then offline. */
async function visits(server: string) {
  const link = startSlowLink(server, SLOW_3G);
  const browser = await launchBrowser();
  const { context, page, problems } = await phoneOn(browser, link.origin);
  await firstVisit(page, link);
  await repeatVisit(page, link);
  await offlineVisit(context, page, link);
  if (problems.length) console.log("page errors:", problems);
  await browser.close();
  link.close();
}

if (import.meta.main) {
  const built = await Array.fromAsync(Deno.readDir(PRECOMPRESSED_DIR)).catch(
    () => [],
  );
  if (built.length === 0) {
    console.warn(
      "No precompressed files: run `deno task build` first (brotli at quality 11)",
    );
  }
  const server = await startServer();
  try {
    const browser = await launchBrowser();
    const problems: string[] = [];
    for (const where of ["device", "server"]) {
      const { context, page } = await open(browser, server.origin, {
        viewport: { width: 1280, height: 900 },
        problems,
        // the API path: a browser without WebAssembly SIMD
        setup: where === "server" ? withoutSimd : undefined,
      });
      if (where === "device") await deviceReady(page);
      else {await page.locator('[data-engine="server"]').filter({
          hasText: "SIMD",
        }).waitFor();}
      await strokes(page, context, where);
      await context.close();
    }
    await browser.close();
    if (!Deno.args.includes("--strokes-only")) await visits(server.origin);
  } finally {
    await server.close();
  }
}
