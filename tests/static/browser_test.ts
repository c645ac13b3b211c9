/**
 * Drawing on the demo page in a real headless Chromium against the real
 * server (main.ts), predicting through the API (as a first visit does while
 * the device engine loads; device_browser_test.ts runs the network on the
 * device): pointer events and touch, both models' answers, the MLP's forward
 * pass following the drawing, the pace of requests while the pen moves,
 * Clear and Undo, the desktop and phone layouts, and no console errors along
 * the way. Test images and the models have models_browser_test.ts; the
 * layout, the accessibility, the unsure state and the explorers have their
 * own files.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { browserTest, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, EXTRA, settled, touchDraw } from "../_pen.ts";
import {
  bar,
  boxOf,
  equalPixels,
  filledStrip,
  inputPixels,
  pageWidth,
  strip,
} from "../_view.ts";

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The index of the largest value. */
function argmax(values: number[]): number {
  return values.indexOf(Math.max(...values));
}

/** Whether every value lies in [0, 1]. */
function inUnit(values: number[]): boolean {
  return values.every((v) => v >= 0 && v <= 1);
}

async function emptyCanvasPrompts(page: Page) {
  assertEquals(await page.getByTestId("prediction").innerText(), "");
  assertMatch(await page.locator(".prompt").innerText(), /Draw a digit/);
  // the panels that would be empty are not there yet
  for (const hook of ["probabilities", "input-view", "strip-z1"]) {
    assertEquals(await page.getByTestId(hook).count(), 0, hook);
  }
  assertMatch(await page.getByTestId("accuracy").innerText(), /^93\.52%$/);
  assertEquals(
    await page.getByTestId("model-mlp").getAttribute("aria-pressed"),
    "true",
  );
}

async function drawnDigitIsRead(page: Page, digit: string) {
  await page.getByTestId("clear").click();
  await draw(page, DIGITS[digit]);
  assertEquals(await settled(page), digit);
  assertMatch(await bar(page, Number(digit)), /^\d\n\d+\.\d%$/);
  const ink = (await inputPixels(page)).filter((v) => v > 0).length;
  assert(ink > 40 && ink < 400, `${ink} inked pixels in the input view`);
}

async function compareRowShowsBoth(page: Page) {
  assertMatch(
    await page.getByTestId("compare-mlp").innerText(),
    /^MLP: 7 \(\d+\.\d%\)$/,
  );
  assertMatch(
    await page.getByTestId("compare-deep-cnn").innerText(),
    /^DeepConvNet: 7 \(\d+\.\d%\)$/,
  );
  assertMatch(
    (await page.getByTestId("compare").textContent())!.replace(/\s+/g, " "),
    /^Both models: MLP: 7 \(\d+\.\d%\) · DeepConvNet: 7 \(/,
  );
}

async function forwardPassFollows(page: Page) {
  const [z1, z2, a3, y] = await Promise.all(
    ["z1", "z2", "a3", "y"].map((name) => strip(page, name)),
  );
  assertEquals([z1.cells, z1.values.length], [50, 50]);
  assertEquals([z2.cells, z2.values.length], [100, 100]);
  assertEquals([a3.cells, a3.values.length], [10, 10]);
  assert(inUnit(z1.values), `z1 out of [0, 1]: ${z1.values}`);
  assert(inUnit(z2.values), `z2 out of [0, 1]: ${z2.values}`);
  assert(!inUnit((await strip(page, "a1")).values), "a1 looks like z1");
  assertEquals(argmax(a3.values), 7);
  assertEquals(argmax(y.values), 7);
  const total = y.values.reduce((a, b) => a + b, 0);
  assert(Math.abs(total - 1) < 1e-3, `y sums to ${total}`);
  for (const [testid, shape] of [["W1", "784×50"], ["W2", "50×100"]]) {
    assertEquals(await page.getByTestId(`shape-${testid}`).innerText(), shape);
  }

  await page.getByTestId("clear").click();
  await draw(page, DIGITS["1"]);
  const after = await filledStrip(page, "z1");
  assertEquals(after.values.length, 50);
  assert(inUnit(after.values));
  assert(
    after.values.some((v, i) => v !== z1.values[i]),
    "z1 did not change with the drawing",
  );
  assertEquals(argmax((await strip(page, "a3")).values), 1);
}

async function requestsArePaced(page: Page) {
  await page.getByTestId("clear").click();
  const sent: Record<string, number> = {};
  const onRequest = (request: { url(): string }) => {
    const url = new URL(request.url());
    if (url.pathname !== "/api/predict") return;
    const key = url.search.replace(/^\?/, "");
    sent[key] = (sent[key] ?? 0) + 1;
  };
  page.on("request", onRequest);
  const start = Date.now();
  await draw(page, DIGITS["7"], 25);
  const elapsed = Date.now() - start;
  await page.getByTestId("lab-digit").filter({ hasText: /^\d$/ }).waitFor();
  page.off("request", onRequest);
  const mlp = sent["model=mlp&activations=true"] ?? 0;
  const deep = sent["model=deep-cnn"] ?? 0;
  // the preprocessing lab asks once, when the stroke has ended
  const lab = sent["model=mlp"] ?? 0;
  const what = `${JSON.stringify(sent)} in ${elapsed} ms`;
  assertEquals(Object.keys(sent).length, 3, what);
  assertEquals(lab, 1, what);
  assertEquals(mlp, deep, what);
  assert(mlp >= 3, what);
  assert(mlp <= elapsed / 150 + 2, what);
  assertEquals(await settled(page), "7");
}

async function clearEmpties(page: Page) {
  await page.getByTestId("clear").click();
  assertEquals(await settled(page), "");
  // the answer's panels keep their place, empty, for the next drawing
  for (let d = 0; d < 10; d++) assertEquals(await bar(page, d), `${d}\n–`);
  assertEquals((await inputPixels(page)).filter((v) => v > 0).length, 0);
  assertMatch(
    await page.getByTestId("compare").innerText(),
    /MLP: –\s*·\s*DeepConvNet: –$/,
  );
  // off the screen, the forward pass empties when the page is next idle
  await page.getByTestId("strip-z2").waitFor({
    state: "detached",
    timeout: 5_000,
  });
  await draw(page, DIGITS["1"]);
  await page.keyboard.press("Escape");
  assertEquals(await settled(page), "");
}

async function undoRemovesLastStroke(page: Page) {
  await draw(page, DIGITS["1"]);
  assertEquals(await settled(page), "1");
  const one = await inputPixels(page);
  await draw(page, [EXTRA]);
  assert(!equalPixels(await inputPixels(page), one), "circle not drawn");
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
}

async function desktopSideBySide(page: Page) {
  await page.getByTestId("clear").click();
  await draw(page, DIGITS["7"]);
  const canvas = await page.getByTestId("canvas").boundingBox();
  const bars = await page.getByTestId("probabilities").boundingBox();
  assert(canvas && bars && bars.x > canvas.x + canvas.width);
}

async function phoneFits(browser: Browser, origin: string) {
  const { context, page } = await open(browser, origin, {
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    problems,
    setup: holdEngine,
  });
  const width = await pageWidth(page);
  assert(width <= 375, `the page is ${width} px wide`);
  const box = await boxOf(page, "canvas");
  assert(box.x >= 0 && box.x + box.width <= 375, "canvas overflows");
  const scrolled = await page.evaluate(() => globalThis.scrollY);
  await touchDraw(context, page, DIGITS["0"][0]);
  assertEquals(await settled(page), "0");
  assertEquals(await page.evaluate(() => globalThis.scrollY), scrolled);
  assertEquals(await boxOf(page, "canvas"), box, "the canvas moved");
  assertMatch(
    await page.getByTestId("compare-deep-cnn").innerText(),
    /^DeepConvNet: 0 /,
  );
  for (const name of ["x", "z1", "z2", "y"]) {
    const testid = name === "x" ? "forward-pass" : `strip-${name}`;
    const { x, width } = await boxOf(page, testid);
    assert(x >= 0 && x + width <= 375, `${testid} overflows`);
  }
  assertEquals((await strip(page, "z2")).values.length, 100);
  const after = await pageWidth(page);
  assert(after <= 375, `the page is ${after} px wide after drawing`);
  await context.close();
}

browserTest(
  "the demo page reads drawn digits in a real browser",
  async (t, server, browser) => {
    const { page } = await open(browser, server.origin, {
      viewport: { width: 1280, height: 900 },
      problems,
      setup: holdEngine,
    });
    await t.step(
      "an empty canvas shows a prompt, not a prediction",
      () => emptyCanvasPrompts(page),
    );
    for (const digit of ["1", "0", "7"]) {
      await t.step(
        `a drawn ${digit} is read as ${digit}`,
        () => drawnDigitIsRead(page, digit),
      );
    }
    await t.step(
      "the compare row shows both models' answers for a drawn 7",
      () => compareRowShowsBoth(page),
    );
    await t.step(
      "the forward pass shows the MLP's layers, and they follow the drawing",
      () => forwardPassFollows(page),
    );
    await t.step(
      "drawing asks each model while the pen moves, at most once per 150 ms",
      () => requestsArePaced(page),
    );
    await t.step(
      "Clear (button and Escape) empties the prediction and the forward pass",
      () => clearEmpties(page),
    );
    await t.step(
      "Undo (button and Ctrl+Z) removes the last stroke",
      () => undoRemovesLastStroke(page),
    );
    await t.step(
      "desktop: canvas and results side by side",
      () => desktopSideBySide(page),
    );
    await t.step(
      "phone: no horizontal scroll, the canvas fits, touch draws, the strips fit",
      () => phoneFits(browser, server.origin),
    );
    await t.step(
      "no console errors or page errors; the server stayed up",
      () => {
        assertEquals(problems, []);
        assert(server.running(), `the server stopped:\n${server.log()}`);
      },
    );
  },
);
