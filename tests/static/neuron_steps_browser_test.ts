/**
 * "One neuron, step by step" in a real Chromium against the real server:
 * for the book's test image 11 the page shows a1, a3 and the ten
 * probabilities of the book's network to within 1e-6 (against the plain
 * TypeScript forward pass over the book's pickle, and the book's printed
 * probabilities); the keyboard picks a neuron and a test image; a drawing on
 * the pad can be followed; the weights come only when the reader nears the
 * steps; the section fits a phone and axe finds nothing serious in ko, en
 * and ja.
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Browser, Page } from "playwright-core";
import { forwardMlp } from "../../lib/reference/mod.ts";
import { BOOK_IMAGE_11, bookWeights, testImages } from "../_data.ts";
import { browserTest, holdEngine, open } from "../_browser.ts";
import { DIGITS, draw, settled } from "../_pen.ts";
import { pageWidth, seriousViolations } from "../_view.ts";

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = {
  viewport: { width: 375, height: 667 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** The book's network on test image `index`: the plain TypeScript forward pass over the pickle. */
async function reference(index: number) {
  const [images] = await testImages();
  return forwardMlp(await bookWeights(), {
    data: images.data.subarray(index * 784, (index + 1) * 784),
    shape: [1, 784],
  });
}

/** The largest difference between two lists of numbers of one length. */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>) {
  assertEquals(a.length, b.length);
  return Math.max(...Array.from(a, (value, i) => Math.abs(value - b[i])));
}

/** The numbers the steps show, as the reader reads them (all 50 of a1 unfolded). */
async function shown(page: Page) {
  const steps = page.getByTestId("neuron-steps");
  const layer1 = steps.getByTestId("steps-layer1");
  if (await layer1.getAttribute("open") === null) {
    await layer1.locator("summary").click();
  }
  await steps.getByTestId("steps-a1").waitFor();
  const numbers = (selector: string) =>
    steps.locator(selector).evaluateAll((cells) =>
      cells.map((cell) => Number(cell.textContent))
    );
  return {
    a1: await numbers("[data-testid=steps-a1] .value"),
    a3: await numbers("td[data-column=a3]"),
    y: await numbers("td[data-column=y]"),
    book: await numbers("td[data-column=book]"),
    a1j: await steps.getByTestId("steps-a1j").innerText(),
  };
}

/** Scrolls to the steps and waits until they show test image `index`'s. */
async function stepsOf(page: Page) {
  const steps = page.getByTestId("neuron-steps");
  await steps.scrollIntoViewIfNeeded();
  await steps.getByTestId("steps-softmax").waitFor();
  return steps;
}

async function image11AsTheBook(page: Page) {
  await stepsOf(page);
  const book = await reference(11);
  const { a1, a3, y, book: printed, a1j } = await shown(page);
  assertEquals([a1.length, a3.length, y.length], [50, 10, 10]);
  for (
    const [name, page, expected] of [
      ["a1", a1, book.a1.data],
      ["a3", a3, book.a3.data],
      ["y", y, book.y.data],
      ["y, the book's printed", y, BOOK_IMAGE_11],
    ] as const
  ) {
    const difference = largestDifference(page, expected);
    assert(
      difference <= 1e-6,
      `${name} differs from the book by ${difference}`,
    );
  }
  // the column the book printed, to its digits
  assert(largestDifference(printed, BOOK_IMAGE_11) <= 5e-5);
  assertMatch(
    a1j,
    /^Σ x·W1\[:, 0\] = -?\d+\.\d{7} \+ b1\[0\] = -?\d+\.\d{7} → a1\[0\] = -?\d+\.\d{7}$/,
  );
  assertEquals(Number(a1j.split("= ").at(-1)), a1[0]);
  assertMatch(
    await page.getByTestId("steps-answer").innerText(),
    /^The answer: 6,/,
  );
}

async function byKeyboard(page: Page) {
  const steps = page.getByTestId("neuron-steps");
  // neuron j: the arrow keys of a number field
  await steps.getByTestId("steps-neuron").focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
  await steps.getByTestId("steps-a1j").filter({ hasText: "a1[3] =" })
    .waitFor();
  const { a1, a1j } = await shown(page);
  assertEquals(Number(a1j.split("= ").at(-1)), a1[3]);
  assertEquals(
    await steps.locator("[data-testid=steps-a1] li.chosen").getAttribute(
      "value",
    ),
    "3",
  );
  const dot = await steps.getByTestId("sigmoid-curve").getAttribute(
    "aria-label",
  );
  assertMatch(dot ?? "", new RegExp(`a1 = ${a1[3].toFixed(7)}`));
  // another test image, typed
  await page.keyboard.press("Shift+Tab");
  assertEquals(
    await page.evaluate(() =>
      document.activeElement?.getAttribute("data-testid")
    ),
    "steps-image",
  );
  await page.keyboard.press("Control+A");
  await page.keyboard.type("0");
  const zero = await reference(0);
  await page.waitForFunction(
    (expected) =>
      Math.abs(
        Number(document.querySelector("td[data-column=a3]")?.textContent) -
          expected,
      ) < 1e-6,
    zero.a3.data[0],
  );
  const now = await shown(page);
  assert(largestDifference(now.a3, zero.a3.data) <= 1e-6);
  assert(largestDifference(now.y, zero.y.data) <= 1e-6);
  assertEquals(now.book, [], "the book printed image 11's only");
}

async function followsThePad(page: Page) {
  const steps = page.getByTestId("neuron-steps");
  const pad = steps.getByTestId("steps-source-pad");
  assert(await pad.isDisabled(), "nothing is on the pad yet");
  await draw(page, DIGITS["7"]);
  const digit = await settled(page);
  await pad.check();
  await steps.getByTestId("steps-answer").filter({
    hasText: new RegExp(`^The answer: ${digit},`),
  }).waitFor();
  assertEquals(await steps.locator("td[data-column=book]").count(), 0);
}

async function phoneAndLanguages(browser: Browser, origin: string) {
  for (
    const [locale, answer] of [
      ["ko-KR", "답은 y가 가장 큰 숫자 6입니다"],
      ["ja-JP", "答えはyが最も大きい数字6です"],
      ["en-US", "The answer: 6,"],
    ]
  ) {
    const { context, page } = await open(browser, origin, {
      ...PHONE,
      locale,
      problems,
      setup: holdEngine,
    });
    // on a phone the steps are screens away: their weights wait for the reader
    const weights = (url: string) => url.includes("/static/mlp.weights.bin");
    const asked: string[] = [];
    page.on("request", (request) => asked.push(request.url()));
    await page.waitForTimeout(500);
    assertEquals(asked.filter(weights), [], locale);
    const steps = await stepsOf(page);
    assertEquals(asked.filter(weights).length, 1, locale);
    assertMatch(
      await steps.getByTestId("steps-answer").innerText(),
      new RegExp(`^${answer}`),
    );
    // the page keeps the phone's width: wide tables scroll inside themselves
    assertEquals(await pageWidth(page), 375, locale);
    assertEquals(await seriousViolations(page), [], `${locale}, phone`);
    await page.setViewportSize(DESKTOP.viewport);
    // reduced motion: the buttons' colours change at once, with no transition
    await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
    assertEquals(await seriousViolations(page), [], `${locale}, desktop, dark`);
    await context.close();
  }
}

browserTest(
  "one neuron, step by step: the book's numbers, by keyboard, on a phone, in three languages",
  async (t, server, browser) => {
    const { context, page } = await open(browser, server.origin, {
      ...DESKTOP,
      problems,
      setup: holdEngine,
    });
    await t.step(
      "test image 11: a1, a3 and the ten probabilities within 1e-6 of the book's",
      () => image11AsTheBook(page),
    );
    await t.step(
      "the keyboard picks neuron j and another test image",
      () => byKeyboard(page),
    );
    await t.step(
      "the steps follow a drawing on the pad",
      () => followsThePad(page),
    );
    await context.close();
    await t.step(
      "on a phone, in ko, ja and en, light and dark: within the screen, axe clean",
      () => phoneAndLanguages(browser, server.origin),
    );
    await t.step("no console errors or page errors", () => {
      assertEquals(problems, []);
    });
  },
);
