/**
 * Visits of a phone over a slow link (deno task bench:page): the first visit
 * and a repeat visit on Slow 3G and on Fast 4G — first paint, a 7's first
 * answer, the device ready, the bytes on the wire before it — a first visit
 * with Save-Data on, and the page with the network off. The link is
 * scripts/bench/slow_link.ts (it slows the service worker's requests too);
 * the page also hears of it through `navigator.connection` (CDP
 * `Network.overrideNetworkState`), as a phone's browser would tell it.
 *
 * @module
 */

import type {
  Browser,
  BrowserContext,
  CDPSession,
  Page,
} from "playwright-core";
import { launchBrowser } from "../../tests/_browser.ts";
import { settled } from "../../tests/_pen.ts";
import { STROKES } from "./page_phone.ts";
import { DEVICE_MARK, openPhone, PHONE_CPU, touchStroke } from "./phone.ts";
import { type LinkOptions, type SlowLink, startSlowLink } from "./slow_link.ts";

/** A link profile by name, as Chrome DevTools names them. */
export interface Profile {
  name: string;
  link: LinkOptions;
}

/** Kilobytes, one decimal. */
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Tells the page's `navigator.connection` what the link is. */
function connection(link: LinkOptions) {
  return (cdp: CDPSession) =>
    cdp.send("Network.overrideNetworkState", {
      offline: false,
      latency: link.rttMs,
      downloadThroughput: link.downBytesPerSecond,
      uploadThroughput: link.upBytesPerSecond,
      connectionType: "cellular4g",
    });
}

/** Page milliseconds until the engine line says "device" (the mark the recorder sets). */
async function deviceMark(page: Page, timeout = 600_000): Promise<number> {
  const handle = await page.waitForFunction(
    (name) => performance.getEntriesByName(name)[0]?.startTime,
    DEVICE_MARK,
    { timeout, polling: 100 },
  );
  return await handle.jsonValue() as number;
}

/** The page's first contentful paint and load, in page milliseconds. */
function paintAndLoad(page: Page) {
  return page.evaluate(() => ({
    paint: performance.getEntriesByName("first-contentful-paint")[0]
      ?.startTime ?? NaN,
    load: performance.getEntriesByType("navigation")[0].toJSON()
      .loadEventEnd as number,
  }));
}

/** Resolves once the service worker's cache holds `n` files or more. */
async function workerCached(page: Page, n: number) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(
    async (n) => {
      const names = await caches.keys();
      if (names.length === 0) return false;
      const cache = await caches.open(names[0]);
      return (await cache.keys()).length >= n;
    },
    n,
    { timeout: 600_000, polling: 500 },
  );
}

/** The requests a page made, by file name under /static/ (workers' too). */
function requested(context: BrowserContext): string[] {
  const names: string[] = [];
  context.on("request", (request) => {
    const { pathname } = new URL(request.url());
    names.push(pathname.replace(/^\/static\//, ""));
  });
  return names;
}

/** The link's bytes and the files asked for, taken when the device is ready. */
interface AtDevice {
  /** Whether the next "device" mark takes them (a first visit's). */
  armed: boolean;
  files: string[];
  wire?: ReturnType<SlowLink["take"]>;
  requested?: string[];
}

/**
 * Takes the link's count at the moment the page marks the device, from the
 * page itself (a binding its recorder calls), not when a poll notices: the
 * DeepConvNet's file, asked for once the page is idle after it, is not counted.
 */
function countAtDevice(link: SlowLink): {
  at: AtDevice;
  setup(context: BrowserContext): Promise<void>;
} {
  const at: AtDevice = { armed: false, files: [] };
  return {
    at,
    async setup(context) {
      at.files = requested(context);
      await context.exposeBinding("benchDeviceReady", () => {
        if (!at.armed) return;
        at.armed = false;
        at.wire = link.take();
        at.requested = [...at.files];
      });
    },
  };
}

/** The first and the repeat visit on one link; offline after them when asked. */
export async function visits(
  server: string,
  profile: Profile,
  offline: boolean,
) {
  const link = startSlowLink(server, profile.link);
  const browser = await launchBrowser();
  try {
    await firstAndRepeat(browser, link, profile, offline);
  } finally {
    await browser.close();
    link.close();
  }
}

async function firstAndRepeat(
  browser: Browser,
  link: SlowLink,
  profile: Profile,
  offline: boolean,
) {
  const count = countAtDevice(link);
  const phone = await openPhone(browser, link.origin, {
    cpu: PHONE_CPU,
    serviceWorkers: "allow",
    before: connection(profile.link),
    setup: count.setup,
  });
  await firstVisit(phone.page, phone.cdp, link, profile.name, count.at);
  await repeatVisit(phone.page, link, profile.name);
  if (offline) await offlineVisit(phone.page, phone.cdp, link);
  if (phone.problems.length) console.log("page errors:", phone.problems);
  await phone.context.close();
}

/** The first visit: a 7 drawn after load, the device (asked for on a light link), the worker's cache. */
async function firstVisit(
  page: Page,
  cdp: CDPSession,
  link: SlowLink,
  name: string,
  at: AtDevice,
) {
  at.armed = true;
  const { paint, load } = await paintAndLoad(page);
  const seven = await touchStroke(page, cdp, STROKES[2]);
  const engine = await page.getByTestId("engine").getAttribute("data-engine");
  const digit = await settled(page);
  const line = await page.getByTestId("engine").innerText();
  const offer = page.getByTestId("engine-offer");
  let asked = NaN;
  if (await offer.count() > 0) {
    // the page stayed on the API for this link: the reader asks for the device
    console.log(
      `${name}, first visit: the page stays on the API ("${line}"); ${
        kb(link.take().down)
      } down until the reader asks`,
    );
    asked = await page.evaluate(() => performance.now());
    await offer.click();
  }
  const ready = await deviceMark(page);
  const wire = at.wire ?? link.take();
  const files = at.requested ?? at.files;
  const deep = files.findIndex((f) => f.startsWith("deep-cnn.onnx"));
  console.log(
    `${name} + CPU ${PHONE_CPU}×, first visit: first contentful paint ${
      seconds(paint)
    }, load ${
      seconds(load)
    }; a 7 drawn after load: answer (${engine}, read ${digit}) ${
      seconds(seven.latency)
    } after pointerup; device ready ${seconds(ready)}${
      Number.isNaN(asked) ? "" : ` (${seconds(ready - asked)} after asking)`
    }; on the wire before it ${kb(wire.down)} down, ${
      kb(wire.up)
    } up, ${wire.connections} connections; DeepConvNet's file ${
      deep < 0 ? "not requested" : `request ${deep + 1} of ${files.length}`
    } by then`,
  );
  await workerCached(page, 8);
  await page.waitForTimeout(3000);
  console.log(
    `${name}, first visit: after the device until the worker's cache is full ${
      kb(link.take().down)
    } down`,
  );
}

/** The same page again: the engine from the worker's cache. */
async function repeatVisit(page: Page, link: SlowLink, name: string) {
  await page.reload({ waitUntil: "load", timeout: 600_000 });
  const again = await deviceMark(page);
  const repeat = await paintAndLoad(page);
  await page.waitForTimeout(3000);
  const wire = link.take();
  console.log(
    `${name} + CPU ${PHONE_CPU}×, repeat visit: first contentful paint ${
      seconds(repeat.paint)
    }, device ready ${seconds(again)}; on the wire ${kb(wire.down)} down, ${
      kb(wire.up)
    } up`,
  );
}

/** The network off: the page from the worker, a 7 read on the device. */
async function offlineVisit(page: Page, cdp: CDPSession, link: SlowLink) {
  await page.context().setOffline(true);
  await page.reload({ waitUntil: "load" });
  const ready = await deviceMark(page, 60_000);
  const drawn = await touchStroke(page, cdp, STROKES[2]);
  console.log(
    `offline after one visit: device ready ${
      seconds(ready)
    }, a drawn 7 read as ${await settled(page)} (${
      drawn.latency.toFixed(1)
    } ms); on the wire ${kb(link.take().down)}`,
  );
}

/**
 * A first visit with Save-Data on (CDP `Emulation.setDataSaverOverride`):
 * the bytes until the page is idle, whether any wasm came, what the engine
 * line says, then the device once the reader asks for it.
 */
export async function saveDataVisit(server: string, profile: Profile) {
  const link = startSlowLink(server, profile.link);
  const browser = await launchBrowser();
  try {
    const phone = await openPhone(browser, link.origin, {
      cpu: PHONE_CPU,
      before: async (cdp) => {
        await connection(profile.link)(cdp);
        await cdp.send("Emulation.setDataSaverOverride", {
          dataSaverEnabled: true,
        });
      },
    });
    const { page } = phone;
    const files = requested(page.context());
    await page.waitForTimeout(10_000);
    const idle = link.take();
    const line = await page.getByTestId("engine").innerText();
    const wasm = files.filter((f) => f.includes(".wasm")).length;
    const offer = page.getByTestId("engine-offer");
    let after = "no offer to run on the device";
    if (await offer.count() > 0) {
      const asked = await page.evaluate(() => performance.now());
      await offer.click();
      const ready = await deviceMark(page);
      after = `after asking: device ready in ${seconds(ready - asked)}, ${
        kb(link.take().down)
      } down`;
    }
    console.log(
      `${profile.name} + Save-Data, first visit: ${
        kb(idle.down)
      } down in the first 10 s, ${wasm} wasm requests, engine line "${line}"; ${after}`,
    );
    await phone.context.close();
  } finally {
    await browser.close();
    link.close();
  }
}
