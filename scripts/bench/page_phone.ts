/**
 * What a phone's reader feels of the main thread (deno task bench:page):
 * 45-point strokes drawn with a finger at 4× CPU — long tasks during each,
 * pointerup → answer — on the device and through the API, and the engine's
 * arrival at 4× CPU — the main thread's longest task from the engine's start
 * to `data-engine="device"`, alone and with a stroke drawn meanwhile.
 *
 * @module
 */

import type { Browser } from "playwright-core";
import { deviceReady, withoutSimd } from "../../tests/_browser.ts";
import { DIGITS } from "../../tests/_pen.ts";
import {
  DEVICE_MARK,
  LONG_TASK_MS,
  longTasksBetween,
  median,
  openPhone,
  PHONE_CPU,
  quantile,
  resample,
  throttle,
  type TouchStroke,
  touchStroke,
} from "./phone.ts";

/** The points of each stroke drawn (the 45-point stroke). */
export const STROKE_POINTS = 45;

/** The browser tests' 1, 0 and 7, each one stroke of 45 points. */
export const STROKES = ["1", "0", "7"].map((digit) =>
  resample(DIGITS[digit][0], STROKE_POINTS)
);

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** One line of figures for a series of strokes. */
export function strokeFigures(strokes: TouchStroke[]) {
  const counts = strokes.map((s) =>
    s.longTasks.filter((d) => d > LONG_TASK_MS).length
  );
  const longest = Math.max(0, ...strokes.flatMap((s) => s.longTasks));
  const latencies = strokes.map((s) => s.latency);
  return {
    longTasks: { median: median(counts), max: Math.max(...counts), longest },
    latency: {
      median: median(latencies),
      p95: quantile(latencies, 0.95),
      min: Math.min(...latencies),
      max: Math.max(...latencies),
    },
  };
}

/** Strokes on a phone at 4× CPU, on the device or through the API (no SIMD). */
export async function phoneStrokes(
  browser: Browser,
  origin: string,
  where: "device" | "server",
  count = 21,
  label = "",
) {
  const phone = await openPhone(browser, origin, {
    setup: where === "server" ? withoutSimd : undefined,
  });
  const { page, cdp } = phone;
  if (where === "device") await deviceReady(page);
  else {
    await page.locator('[data-engine="server"]').filter({ hasText: "SIMD" })
      .waitFor();
  }
  await touchStroke(page, cdp, STROKES[2]); // the first answer's panels appear
  await throttle(cdp, PHONE_CPU);
  const strokes: TouchStroke[] = [];
  for (let i = 0; i < count; i++) {
    await page.getByTestId("clear").click();
    await page.waitForTimeout(300);
    strokes.push(await touchStroke(page, cdp, STROKES[i % 3]));
  }
  await throttle(cdp, 1);
  const digit = await page.getByTestId("prediction").innerText();
  await phone.context.close();
  const { longTasks, latency } = strokeFigures(strokes);
  console.log(
    `${label}${where}, ${count} strokes of ${STROKE_POINTS} points by touch, 375×667, CPU ${PHONE_CPU}×: long tasks (> ${LONG_TASK_MS} ms) a stroke median ${longTasks.median}, max ${longTasks.max}, the longest ${
      ms(longTasks.longest)
    }; pointerup → answer median ${ms(latency.median)}, p95 ${
      ms(latency.p95)
    } (min ${ms(latency.min)}, max ${ms(latency.max)}); last read ${digit}` +
      (phone.problems.length ? `; page errors: ${phone.problems}` : ""),
  );
  return { longTasks, latency };
}

/** When the engine started: its mark, or (an older page) the engine chunk's request. */
function engineStart(page: import("playwright-core").Page) {
  return page.evaluate(() => {
    const mark = performance.getEntriesByName("engine-start")[0];
    if (mark) return mark.startTime;
    const chunk = performance.getEntriesByType("resource").find((entry) =>
      /\/static\/engine\.js/.test(entry.name)
    );
    return chunk?.startTime ?? null;
  });
}

/**
 * A first visit at 4× CPU from the first byte (the server on this machine,
 * no link between): the main thread's longest task from the engine's start
 * to the device; with `stroke`, a 7 drawn by touch as soon as the engine
 * starts, and how long its answer took.
 */
export async function engineArrival(
  browser: Browser,
  origin: string,
  stroke: boolean,
  label = "",
) {
  const phone = await openPhone(browser, origin, { cpu: PHONE_CPU });
  const { page, cdp } = phone;
  await page.waitForFunction(
    () =>
      performance.getEntriesByName("engine-start").length > 0 ||
      performance.getEntriesByType("resource").some((entry) =>
        /\/static\/engine\.js/.test(entry.name)
      ),
    undefined,
    { timeout: 120_000, polling: 20 },
  );
  const drawn = stroke ? await touchStroke(page, cdp, STROKES[2]) : null;
  await page.waitForFunction(
    (name) => performance.getEntriesByName(name).length > 0,
    DEVICE_MARK,
    { timeout: 300_000, polling: 50 },
  );
  const start = (await engineStart(page))!;
  const ready = await page.evaluate(
    (name) => performance.getEntriesByName(name)[0].startTime,
    DEVICE_MARK,
  );
  const during = await longTasksBetween(page, start, ready);
  const all = await longTasksBetween(page, 0, ready);
  await phone.context.close();
  const longest = Math.max(0, ...during);
  console.log(
    `${label}engine's arrival, CPU ${PHONE_CPU}×${
      stroke ? ", a 7 drawn as it starts" : ""
    }: engine start ${ms(start)} → device ${
      ms(ready)
    }; the main thread's longest task meanwhile ${ms(longest)} (${
      during.filter((d) => d > LONG_TASK_MS).length
    } over ${LONG_TASK_MS} ms; since navigation: ${all.length}, longest ${
      ms(Math.max(0, ...all))
    })` +
      (drawn
        ? `; the 7's answer ${
          ms(drawn.latency)
        } after pointerup, ${drawn.longTasks.length} long tasks during it (longest ${
          ms(Math.max(0, ...drawn.longTasks))
        })`
        : "") +
      (phone.problems.length ? `; page errors: ${phone.problems}` : ""),
  );
  return { longest, latency: drawn?.latency };
}
