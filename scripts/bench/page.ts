/**
 * deno task bench:page: the page in Debian's Chromium (playwright-core) as a
 * phone's reader meets it — 375×667, touch, the main thread slowed 4× — with
 * the figures docs/BENCHMARKS.md reports:
 *   strokes  45-point strokes by touch on the device and through the API:
 *            long tasks (> 50 ms) during each, pointerup → answer (median, p95);
 *   start    the engine's arrival: the main thread's longest task from the
 *            engine's start to `data-engine="device"`, alone and with a stroke;
 *   visits   first and repeat visits on Slow 3G and Fast 4G
 *            (scripts/bench/slow_link.ts): paint, the device ready, the bytes
 *            on the wire before it; offline after them;
 *   savedata a Fast-4G first visit with Save-Data on.
 * `--sections strokes,start` runs some (all by default; `--strokes-only` is
 * `--sections strokes`), `--strokes N` sets the strokes a series (21),
 * `--against DIR` runs strokes and start on another checkout's server too,
 * in turns (`--rounds`, 2), to compare two versions of the page.
 * Run `deno task build` first so the server has its precompressed files.
 * Chromium's CPU throttling slows the page's main thread, not its workers.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { launchBrowser, startServer } from "../../tests/_browser.ts";
import { PRECOMPRESSED_DIR } from "../../lib/assets/mod.ts";
import { engineArrival, phoneStrokes } from "./page_phone.ts";
import { type Profile, saveDataVisit, visits } from "./page_visits.ts";
import { FAST_4G, SLOW_3G } from "./slow_link.ts";
import { startServer as startProcess } from "./server_process.ts";

const SECTIONS = ["strokes", "start", "visits", "savedata"];

const PROFILES: Profile[] = [
  { name: "Slow 3G", link: SLOW_3G },
  { name: "Fast 4G", link: FAST_4G },
];

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      sections: { type: "string", default: SECTIONS.join(",") },
      "strokes-only": { type: "boolean", default: false },
      strokes: { type: "string", default: "21" },
      against: { type: "string" },
      rounds: { type: "string", default: "2" },
    },
  });
  const sections = values["strokes-only"]
    ? ["strokes"]
    : values.sections.split(",");
  const built = await Array.fromAsync(Deno.readDir(PRECOMPRESSED_DIR)).catch(
    () => [],
  );
  if (built.length === 0) {
    console.warn(
      "No precompressed files: run `deno task build` first (brotli at quality 11)",
    );
  }
  const server = await startServer();
  const other = values.against
    ? await startProcess({ root: values.against })
    : undefined;
  try {
    const pages = [{ label: "", origin: server.origin }];
    if (other) {
      pages[0].label = "this checkout: ";
      pages.push({ label: `${values.against}: `, origin: other.url });
    }
    const rounds = other ? Number(values.rounds) : 1;
    for (let round = 0; round < rounds; round++) {
      for (const { label, origin } of pages) {
        await mainThread(sections, origin, Number(values.strokes), label);
      }
    }
    if (sections.includes("visits")) {
      for (const [i, profile] of PROFILES.entries()) {
        await visits(server.origin, profile, i === 0);
      }
    }
    if (sections.includes("savedata")) {
      await saveDataVisit(server.origin, PROFILES[1]);
    }
  } finally {
    await server.close();
    await other?.stop();
  }
}

/** The strokes and the engine's arrival on one server's page. */
async function mainThread(
  sections: string[],
  origin: string,
  strokes: number,
  label: string,
) {
  if (!sections.includes("strokes") && !sections.includes("start")) return;
  const browser = await launchBrowser();
  if (sections.includes("strokes")) {
    for (const where of ["device", "server"] as const) {
      await phoneStrokes(browser, origin, where, strokes, label);
    }
  }
  if (sections.includes("start")) {
    for (const stroke of [false, true, false, true]) {
      await engineArrival(browser, origin, stroke, label);
    }
  }
  await browser.close();
}

if (import.meta.main) await main();
