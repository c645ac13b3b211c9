/**
 * The page as a phone holds it, for deno task bench:page: a 375×667 touch
 * page at 2× with its main thread slowed 4× (CDP
 * `Emulation.setCPUThrottlingRate`, which Chromium applies to the page's main
 * thread only, never to its workers), the main thread's long tasks recorded
 * by a `PerformanceObserver`, and strokes drawn with a finger (CDP
 * `Input.dispatchTouchEvent`) at a touch screen's pace.
 *
 * @module
 */

import type {
  Browser,
  BrowserContext,
  CDPSession,
  Page,
} from "playwright-core";
import type { Point, Stroke } from "../../lib/input/mod.ts";
import { FINAL_MARK } from "../../tests/_pen.ts";

/** The CPU slowdown of a mid-range phone against this machine, as Lighthouse uses. */
export const PHONE_CPU = 4;

/** The phone's screen. */
export const PHONE_VIEWPORT = { width: 375, height: 667 };

/** A task longer than this blocks the main thread (the Long Tasks API's limit). */
export const LONG_TASK_MS = 50;

/** The mark the init script sets when the engine line first says "device". */
export const DEVICE_MARK = "bench-device-ready";

/**
 * Runs in the page before its own scripts: records every long task of the
 * main thread, and marks the moment `data-engine` first turns "device".
 */
function recorder(deviceMark: string) {
  const tasks: [number, number][] = [];
  Object.assign(globalThis, { benchLongTasks: tasks });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      tasks.push([entry.startTime, entry.duration]);
    }
  }).observe({ type: "longtask", buffered: true });
  const watch = new MutationObserver(() => {
    const line = document.querySelector('[data-testid="engine"]');
    if (line?.getAttribute("data-engine") !== "device") return;
    performance.mark(deviceMark);
    watch.disconnect();
    // a bench that counts what came before the device takes its count now
    (globalThis as { benchDeviceReady?: () => void }).benchDeviceReady?.();
  });
  watch.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-engine"],
  });
}

/** A phone's page, its CDP session and the problems it logged. */
export interface Phone {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  problems: string[];
}

/** Options of {@linkcode openPhone}. */
export interface PhoneOptions {
  /** The CPU slowdown from the first byte (1: none until {@linkcode throttle}). */
  cpu?: number;
  /** Runs on the page's CDP session before it navigates (network state, Save-Data). */
  before?: (cdp: CDPSession) => Promise<unknown>;
  /** Whether the page may install its service worker (blocked by default). */
  serviceWorkers?: "allow" | "block";
  /** Runs on the new context before the page opens (init scripts, routes). */
  setup?: (context: BrowserContext) => Promise<void>;
}

/** Opens `origin` as a phone would, recording long tasks from the first script on. */
export async function openPhone(
  browser: Browser,
  origin: string,
  options: PhoneOptions = {},
): Promise<Phone> {
  const problems: string[] = [];
  const context = await browser.newContext({
    baseURL: origin,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "en-US",
    serviceWorkers: options.serviceWorkers ?? "block",
  });
  await context.addInitScript(recorder, DEVICE_MARK);
  await options.setup?.(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(error.message));
  const cdp = await context.newCDPSession(page);
  await options.before?.(cdp);
  await throttle(cdp, options.cpu ?? 1);
  await page.goto("/", { waitUntil: "load", timeout: 600_000 });
  return { context, page, cdp, problems };
}

/** Slows the page's main thread `rate` times (1: full speed). */
export async function throttle(cdp: CDPSession, rate: number) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/** The main thread's long tasks that overlap [from, to] (page milliseconds). */
export function longTasksBetween(
  page: Page,
  from: number,
  to: number,
): Promise<number[]> {
  return page.evaluate(([from, to]) => {
    const tasks = (globalThis as unknown as { benchLongTasks: number[][] })
      .benchLongTasks;
    return tasks.filter(([start, duration]) =>
      start + duration > from && start < to
    ).map(([, duration]) => duration);
  }, [from, to]);
}

/** The points of a stroke resampled to `n`, evenly along its length. */
export function resample(stroke: Stroke, n: number): Stroke {
  const lengths = [0];
  for (let i = 1; i < stroke.length; i++) {
    const [[x0, y0], [x1, y1]] = [stroke[i - 1], stroke[i]];
    lengths.push(lengths[i - 1] + Math.hypot(x1 - x0, y1 - y0));
  }
  const total = lengths[lengths.length - 1];
  return Array.from({ length: n }, (_, k): Point => {
    const at = total * k / (n - 1);
    let i = 1;
    while (i < stroke.length - 1 && lengths[i] < at) i++;
    const span = lengths[i] - lengths[i - 1] || 1;
    const t = Math.min(1, Math.max(0, (at - lengths[i - 1]) / span));
    const [[x0, y0], [x1, y1]] = [stroke[i - 1], stroke[i]];
    return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
  });
}

/** One stroke drawn with a finger: what the main thread did meanwhile. */
export interface TouchStroke {
  /** Page time of the touch's start and of the finished stroke's answer. */
  start: number;
  answered: number;
  /** pointerup → the finished stroke's answer on the page, in milliseconds. */
  latency: number;
  /** The long tasks from the touch's start to the answer, in milliseconds each. */
  longTasks: number[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Draws one stroke with a finger on the pad, one touch event every
 * `intervalMs` (a touch screen's 60 Hz by default), and waits for the page
 * to mark the finished stroke's answer.
 */
export async function touchStroke(
  page: Page,
  cdp: CDPSession,
  stroke: Stroke,
  intervalMs = 1000 / 60,
): Promise<TouchStroke> {
  await page.getByTestId("canvas").scrollIntoViewIfNeeded();
  const box = (await page.getByTestId("canvas").boundingBox())!;
  const points = stroke.map(([u, v]) => ({
    x: box.x + u * box.width,
    y: box.y + v * box.height,
  }));
  const marks = await page.evaluate((name) => {
    addEventListener("pointerup", () => performance.mark("bench-pointerup"), {
      capture: true,
      once: true,
    });
    return performance.getEntriesByName(name).length;
  }, FINAL_MARK);
  const start = await page.evaluate(() => performance.now());
  let next = performance.now();
  for (const [i, point] of points.entries()) {
    await cdp.send("Input.dispatchTouchEvent", {
      type: i === 0 ? "touchStart" : "touchMove",
      touchPoints: [point],
    });
    next += intervalMs;
    await sleep(Math.max(0, next - performance.now()));
  }
  await cdp.send("Input.dispatchTouchEvent", {
    type: "touchEnd",
    touchPoints: [],
  });
  await page.waitForFunction(
    ([name, n]) => performance.getEntriesByName(name as string).length > n,
    [FINAL_MARK, marks] as const,
    { timeout: 60_000, polling: 20 },
  );
  const { up, answered } = await page.evaluate((name) => {
    const last = (name: string) => performance.getEntriesByName(name).at(-1)!;
    const up = last("bench-pointerup").startTime;
    performance.clearMarks("bench-pointerup");
    return { up, answered: last(name).startTime };
  }, FINAL_MARK);
  return {
    start,
    answered,
    latency: answered - up,
    longTasks: await longTasksBetween(page, start, answered),
  };
}

/** The value at quantile `q` (0–1) of a list, by nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** The median of a list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
