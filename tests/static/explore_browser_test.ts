/**
 * Honest doubt and charts that open into the data, in a real Chromium: the
 * page says "not sure" for a line, a dot and an X but not for a drawn 1, 0
 * or 7; a confusion-matrix cell filters the gallery to its pair; a hidden
 * neuron shows what it looks for and the input's share of its sum; a test
 * image can be traced over; the preprocessing lab re-reads the drawing as its
 * switches and sliders move. All of it twice: through the API (the device
 * engine held back, as on a first visit), and on the device with
 * /api/predict blocked — the device engine supplies the answers, the
 * probabilities and the MLP's hidden layers the views need.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertMatch,
} from "@std/assert";
import type { Page } from "playwright-core";
import { browserTest, deviceReady, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, SCRIBBLES, settled, type Stroke } from "../_pen.ts";
import { seriousViolations } from "../_view.ts";

/** The share of lit pixels in a 28×28 canvas of the page. */
function inkOf(page: Page, testid: string): Promise<number> {
  return page.getByTestId(testid).evaluate((canvas) => {
    const context = (canvas as HTMLCanvasElement).getContext("2d")!;
    const { data } = context.getImageData(0, 0, 28, 28);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 0) lit++;
    return lit / 784;
  });
}

/** Waits until the lab's input has less ink than `before` (a share of lit pixels). */
function labInkBelow(page: Page, before: number) {
  return page.waitForFunction((before) => {
    const canvas = document.querySelector(
      '[data-testid="lab-input"]',
    ) as HTMLCanvasElement;
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, 28, 28);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 0) lit++;
    return lit / 784 < before * 0.9;
  }, before);
}

/** Waits until the lab's bars read `text`, or anything but it. */
function labBars(page: Page, text: string | null, same: boolean) {
  return page.waitForFunction(
    ([before, same]) => {
      const now = document.querySelector('[data-testid="lab-probabilities"]')!
        .textContent;
      return same ? now === before : now !== before;
    },
    [text, same] as const,
  );
}

async function scribbleUnsure(page: Page, name: string, strokes: Stroke[]) {
  await page.getByTestId("clear").click();
  await draw(page, strokes);
  assertMatch(await settled(page), /^\d$/);
  const unsure = page.getByTestId("unsure");
  assert(await unsure.isVisible(), `${name} read without doubt`);
  assertMatch(await unsure.innerText(), /^Not sure perhaps (a [0-79]|an 8)\?$/);
  assert(await page.getByTestId("reasons").locator("li").count() > 0);
  assertEquals(await page.getByTestId("score").count(), 0);
}

async function dotAndLineReasons(page: Page) {
  for (
    const [scribble, reason] of [["dot", "little-ink"], ["line", "too-wide"]]
  ) {
    await page.getByTestId("clear").click();
    await draw(page, SCRIBBLES[scribble]);
    await page.getByTestId("unsure").waitFor();
    assert(await page.locator(`[data-reason="${reason}"]`).count() === 1);
  }
}

async function digitSure(page: Page, digit: string) {
  await page.getByTestId("clear").click();
  await draw(page, DIGITS[digit]);
  assertEquals(await settled(page), digit);
  assertEquals(await page.getByTestId("unsure").count(), 0);
  assertEquals(await page.getByTestId("reasons").count(), 0);
  assertMatch(
    await page.getByTestId("score").innerText(),
    /^softmax \d+\.\d%$/,
  );
}

/** Every gallery tile is labelled `label` and read as `predicted`. */
async function tilesAre(page: Page, label: string, predicted: string) {
  for (const item of await page.getByTestId("gallery-item").all()) {
    assertEquals(await item.getAttribute("data-label"), label);
    assertEquals(await item.getAttribute("data-predicted"), predicted);
  }
}

function confusionCell(page: Page, label: number, predicted: number) {
  return page.locator(
    `[data-testid="confusion-cell"][data-label="${label}"][data-predicted="${predicted}"]`,
  );
}

async function confusionFilter(page: Page) {
  const cell = confusionCell(page, 4, 9);
  const count = Number(await cell.innerText().then((s) => s.split(":")[0]));
  assert(count > 0);
  await cell.click();
  assertEquals(await cell.getAttribute("aria-pressed"), "true");
  const items = page.getByTestId("gallery-item");
  await items.first().waitFor();
  assertEquals(await items.count(), Math.min(count, 20));
  await tilesAre(page, "4", "9");
  assertEquals(
    await page.evaluate(() => document.activeElement?.id),
    "gallery-heading",
  );
  assertMatch(
    await page.locator("#gallery-heading").innerText(),
    new RegExp(`^${count} test images of 4 read as 9$`),
  );
  // a tile of the filter is read as the cell says
  await items.first().click();
  assertEquals(await settled(page), "9");
  // the diagonal: images read right, from the test labels
  await confusionCell(page, 1, 1).click();
  await page.locator("#gallery-heading").filter({
    hasText: /test images of 1 read correctly/,
  }).waitFor();
  await items.first().waitFor();
  assertEquals(await items.count(), 20);
  await tilesAre(page, "1", "1");
  await page.getByTestId("clear-filter").click();
  await page.getByTestId("example-11").waitFor();
}

/** The blue and the red pixels of a 28×28 canvas. */
function hues(page: Page, testid: string) {
  return page.getByTestId(testid).evaluate((canvas) => {
    const context = (canvas as HTMLCanvasElement).getContext("2d")!;
    const { data } = context.getImageData(0, 0, 28, 28);
    let blue = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 2] > data[i] + 40) blue++;
      if (data[i] > data[i + 2] + 40) red++;
    }
    return { blue, red };
  });
}

async function neuronView(page: Page) {
  await page.getByTestId("clear").click();
  await draw(page, DIGITS["7"]);
  const cell = page.locator("#cell-a1-12");
  await cell.click();
  const a1 = Number(await cell.getAttribute("data-value"));
  const sum = await page.getByTestId("neuron-sum").innerText();
  const [, total] = sum.match(/a1\[j\] = (-?[\d.]+)/) ?? [];
  assertAlmostEquals(Number(total), a1, 2e-3);
  assertMatch(
    await page.getByTestId("neuron").locator("h3").innerText(),
    /neuron 12 of layer 1/,
  );
  // the weights picture is signed: it has both blue and red pixels
  const weights = await hues(page, "neuron-weights");
  assert(weights.blue > 20 && weights.red > 20, JSON.stringify(weights));
}

async function labRereads(page: Page) {
  await page.getByTestId("lab-digit").filter({ hasText: "7" }).waitFor();
  const upright = await page.getByTestId("lab-probabilities").textContent();
  const cropped = await inkOf(page, "lab-input");
  await page.getByTestId("lab-crop").uncheck();
  await labInkBelow(page, cropped);
  await page.getByTestId("lab-crop").check();
  // the reading of the cropped drawing is back (on the device at once):
  // only then turn it, so the change seen is the turn's
  await labBars(page, upright, true);
  await page.getByTestId("lab-rotation").fill("90");
  await labBars(page, upright, false);
  assertEquals(await page.getByTestId("lab-rotation").inputValue(), "90");
}

async function traceOver(page: Page) {
  await page.getByTestId("clear").click();
  await page.getByTestId("try-example").click();
  assertEquals(await settled(page), "6");
  await page.getByTestId("trace-on").click();
  await page.getByTestId("trace").waitFor();
  // the pad is empty, the answer waits for the tracing
  assertEquals(await page.getByTestId("prediction").innerText(), "");
  await draw(page, [[
    [0.55, 0.2],
    [0.4, 0.45],
    [0.38, 0.7],
    [0.5, 0.8],
    [0.62, 0.68],
    [0.55, 0.55],
    [0.42, 0.62],
  ]]);
  assertMatch(await settled(page), /^\d$/);
  await page.getByTestId("trace-off").click();
  assertEquals(await page.getByTestId("trace").count(), 0);
}

for (const engine of ["server", "device"] as const) {
  browserTest(
    `doubt and exploring ${
      engine === "device" ? "on the device" : "through the API"
    }: unsure scribbles, the confusion filter, neurons, tracing, the lab`,
    async (t, server, browser) => {
      const problems: string[] = [];
      const blocked: string[] = [];
      const { context, page } = await open(browser, server.origin, {
        viewport: { width: 1280, height: 900 },
        problems,
        setup: engine === "server" ? holdEngine : undefined,
      });
      if (engine === "device") {
        await t.step(
          "the network runs on the device; /api/predict is blocked from here on",
          async () => {
            await deviceReady(page);
            await page.route("**/api/predict**", (route) => {
              blocked.push(route.request().url());
              return route.abort();
            });
          },
        );
      }
      for (const [name, strokes] of Object.entries(SCRIBBLES)) {
        await t.step(
          `a ${name} is read as "not sure", with reasons`,
          () => scribbleUnsure(page, name, strokes),
        );
      }
      await t.step(
        "a dot is too little ink; a line is too wide",
        () => dotAndLineReasons(page),
      );
      for (const digit of ["1", "0", "7"]) {
        await t.step(
          `a drawn ${digit} is read without doubt`,
          () => digitSure(page, digit),
        );
      }
      await t.step(
        "a confusion-matrix cell filters the gallery to its pair",
        () => confusionFilter(page),
      );
      await t.step(
        "a hidden neuron shows its W1 column and the input's share, summing to a1",
        () => neuronView(page),
      );
      await t.step(
        "the lab re-reads the drawing as its switches and sliders move",
        () => labRereads(page),
      );
      await t.step(
        "a test image can be put beneath the pad to trace over",
        () => traceOver(page),
      );
      if (engine === "device") {
        await t.step(
          "no request went to /api/predict; axe finds nothing serious on the device",
          async () => {
            assertEquals(blocked, []);
            assertEquals(
              await page.getByTestId("engine").getAttribute("data-engine"),
              "device",
            );
            assertEquals(await seriousViolations(page), []);
          },
        );
      }
      await context.close();
      await t.step("no console errors or page errors", () => {
        assertEquals(problems, []);
        assert(server.running(), `the server stopped:\n${server.log()}`);
      });
    },
  );
}
