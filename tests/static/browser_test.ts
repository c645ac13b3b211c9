/**
 * The demo page in a real headless Chromium against the real server (main.ts),
 * predicting through the API (as a first visit does while the device engine
 * loads; tests/static/device_browser_test.ts runs the network on the device):
 * drawing with pointer events, Clear, Undo, the book's example, both models
 * and the switch between them, the MLP's forward pass, the language switch, a
 * phone-sized screen, and no console errors along the way. The layout, the
 * accessibility, the unsure state and the explorers have their own files.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Page } from "playwright-core";
import {
  bar,
  boxOf,
  browserTest,
  DIGITS,
  draw,
  equalPixels,
  EXTRA,
  holdEngine,
  inputPixels,
  open,
  pageWidth,
  settled,
  strip,
  touchDraw,
} from "../_browser.ts";

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

/** Waits until the report shows `accuracy` (e.g. "97.97%"). */
async function reportShows(page: Page, accuracy: string) {
  await page.getByTestId("accuracy").filter({ hasText: accuracy }).waitFor();
  await page.locator('.report[aria-busy="false"]').waitFor();
}

browserTest(
  "the demo page reads drawn digits and test images in a real browser",
  async (t, server, browser) => {
    const { page } = await open(browser, server.origin, {
      viewport: { width: 1280, height: 900 },
      problems,
      setup: holdEngine,
    });

    await t.step(
      "an empty canvas shows a prompt, not a prediction",
      async () => {
        assertEquals(await page.getByTestId("prediction").innerText(), "");
        assertMatch(
          await page.locator(".prompt").innerText(),
          /Draw a digit/,
        );
        // the panels that would be empty are not there yet
        for (const hook of ["probabilities", "input-view", "strip-z1"]) {
          assertEquals(await page.getByTestId(hook).count(), 0, hook);
        }
        assertMatch(
          await page.getByTestId("accuracy").innerText(),
          /^93\.52%$/,
        );
        assertEquals(
          await page.getByTestId("model-mlp").getAttribute("aria-pressed"),
          "true",
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
      "the compare row shows both models' answers for a drawn 7",
      async () => {
        assertMatch(
          await page.getByTestId("compare-mlp").innerText(),
          /^MLP: 7 \(\d+\.\d%\)$/,
        );
        assertMatch(
          await page.getByTestId("compare-deep-cnn").innerText(),
          /^DeepConvNet: 7 \(\d+\.\d%\)$/,
        );
        assertMatch(
          (await page.getByTestId("compare").textContent())!
            .replace(/\s+/g, " "),
          /^Both models: MLP: 7 \(\d+\.\d%\) · DeepConvNet: 7 \(/,
        );
      },
    );

    await t.step(
      "the forward pass shows the MLP's layers, and they follow the drawing",
      async () => {
        const z1 = await strip(page, "z1");
        const z2 = await strip(page, "z2");
        const a3 = await strip(page, "a3");
        const y = await strip(page, "y");
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
          assertEquals(
            await page.getByTestId(`shape-${testid}`).innerText(),
            shape,
          );
        }

        await page.getByTestId("clear").click();
        await draw(page, DIGITS["1"]);
        const after = await strip(page, "z1");
        assertEquals(after.values.length, 50);
        assert(inUnit(after.values));
        assert(
          after.values.some((v, i) => v !== z1.values[i]),
          "z1 did not change with the drawing",
        );
        assertEquals(argmax((await strip(page, "a3")).values), 1);
      },
    );

    await t.step(
      "drawing asks each model while the pen moves, at most once per 150 ms",
      async () => {
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
        await page.getByTestId("lab-digit").filter({ hasText: /^\d$/ })
          .waitFor();
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
      },
    );

    await t.step(
      "Clear (button and Escape) empties the prediction and the forward pass",
      async () => {
        await page.getByTestId("clear").click();
        assertEquals(await settled(page), "");
        for (const hook of ["probabilities", "input-view", "strip-z2"]) {
          assertEquals(await page.getByTestId(hook).count(), 0, hook);
        }
        assertEquals(await page.getByTestId("compare").count(), 0);
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
        assertMatch(await page.getByTestId("source").innerText(), /#11/);
        const ink = (await inputPixels(page)).filter((v) => v > 0).length;
        assert(ink > 80, `${ink} inked pixels of test image 11`);
        assertMatch(
          await page.getByTestId("compare-mlp").innerText(),
          /^MLP: 6 \(91\.2%\)$/,
        );
        assertEquals(argmax((await strip(page, "a3")).values), 6);
      },
    );

    await t.step(
      "a misread test image from the gallery shows its wrong answer",
      async () => {
        const tile = page.getByTestId("gallery").locator(".tile-wrong")
          .first();
        const answer = await tile.getAttribute("data-predicted") ?? "";
        assertMatch(answer, /^\d$/);
        assertMatch(await tile.innerText(), new RegExp(`→ ${answer}$`));
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
      "the DeepConvNet: its answers, its report (97.97%), its misreads",
      async () => {
        await page.getByTestId("model-deep-cnn").click();
        assertEquals(
          await page.getByTestId("model-deep-cnn").getAttribute(
            "aria-pressed",
          ),
          "true",
        );
        await reportShows(page, "97.97%");
        assertMatch(
          await page.locator(".report").innerText(),
          /Test accuracy \(DeepConvNet\)/,
        );
        assertMatch(
          await page.getByTestId("gallery").textContent() ?? "",
          /Misread by the DeepConvNet \(203 of 10,000\)/,
        );

        await page.getByTestId("clear").click();
        await draw(page, DIGITS["7"]);
        assertEquals(await settled(page), "7");
        assertMatch(
          await page.locator(".verdict").innerText(),
          /The DeepConvNet reads/,
        );
        const [, percent] = (await page.getByTestId("compare-deep-cnn")
          .innerText()).match(/\((\d+\.\d%)\)/) ?? [];
        assertEquals(await bar(page, 7), `7\n${percent}`);

        const tile = page.getByTestId("gallery").locator(".tile-wrong")
          .first();
        const answer = await tile.getAttribute("data-predicted") ?? "";
        assertMatch(answer, /^\d$/);
        await tile.click();
        assertEquals(await settled(page), answer);
        assertMatch(
          await page.getByTestId("compare-deep-cnn").innerText(),
          new RegExp(`^DeepConvNet: ${answer} `),
        );
      },
    );

    await t.step("the model switch works from the keyboard", async () => {
      await page.getByTestId("model-mlp").focus();
      await page.keyboard.press("Space");
      assertEquals(
        await page.getByTestId("model-mlp").getAttribute("aria-pressed"),
        "true",
      );
      await reportShows(page, "93.52%");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await reportShows(page, "97.97%");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Enter");
      await reportShows(page, "93.52%");
    });

    await t.step(
      "desktop: canvas and results side by side",
      async () => {
        await page.getByTestId("clear").click();
        await draw(page, DIGITS["7"]);
        const canvas = await page.getByTestId("canvas").boundingBox();
        const bars = await page.getByTestId("probabilities").boundingBox();
        assert(canvas && bars && bars.x > canvas.x + canvas.width);
      },
    );

    await t.step(
      "Korean first for a Korean browser; the switch is remembered",
      async () => {
        const { context, page: ko } = await open(browser, server.origin, {
          locale: "ko-KR",
          problems,
          setup: holdEngine,
        });
        assertEquals(await ko.getAttribute("html", "lang"), "ko");
        assertEquals(
          await ko.locator("h1").innerText(),
          "손글씨 숫자 인식기",
        );
        assertEquals(
          await ko.locator("#forward-heading").innerText(),
          "MLP 들여다보기: 순전파",
        );
        await ko.getByTestId("lang").click();
        assertEquals(await ko.getAttribute("html", "lang"), "en");
        assertEquals(
          await ko.locator("h1").innerText(),
          "Handwritten digit recogniser",
        );
        await ko.reload();
        await ko.waitForFunction(() => document.documentElement.lang === "en");
        assertEquals(await ko.getByTestId("lang").innerText(), "한국어");
        await context.close();
      },
    );

    await t.step(
      "phone: no horizontal scroll, the canvas fits, touch draws, the strips fit",
      async () => {
        const { context, page: phone } = await open(browser, server.origin, {
          viewport: { width: 375, height: 812 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          problems,
          setup: holdEngine,
        });
        assert(
          await pageWidth(phone) <= 375,
          `the page is ${await pageWidth(phone)} px wide`,
        );
        const box = await boxOf(phone, "canvas");
        assert(box.x >= 0 && box.x + box.width <= 375, "canvas overflows");
        const scrolled = await phone.evaluate(() => globalThis.scrollY);
        await touchDraw(context, phone, DIGITS["0"][0]);
        assertEquals(await settled(phone), "0");
        assertEquals(
          await phone.evaluate(() => globalThis.scrollY),
          scrolled,
        );
        assertEquals(await boxOf(phone, "canvas"), box, "the canvas moved");
        assertMatch(
          await phone.getByTestId("compare-deep-cnn").innerText(),
          /^DeepConvNet: 0 /,
        );
        for (const name of ["x", "z1", "z2", "y"]) {
          const testid = name === "x" ? "forward-pass" : `strip-${name}`;
          const { x, width } = await boxOf(phone, testid);
          assert(x >= 0 && x + width <= 375, `${testid} overflows`);
        }
        assertEquals((await strip(phone, "z2")).values.length, 100);
        const after = await pageWidth(phone);
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
  },
);
