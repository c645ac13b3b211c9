/**
 * The network on the device, in a real headless Chromium against the real
 * server: the engine loads after the page is interactive, then drawn digits
 * are read with /api/predict blocked (and "Was it right?" asks about the
 * device's answer), the forward pass follows the pen, the gallery costs one
 * request, and the device's answers equal the server's (100 test images) and
 * the book's (test image 11).
 *
 * @module
 */

import { assert, assertEquals, assertMatch } from "@std/assert";
import type { Page } from "playwright-core";
import {
  browserTest,
  deviceReady,
  open,
  pageFiles,
  type Server,
} from "../_browser.ts";
import { DIGITS, draw, settled } from "../_pen.ts";
import { strip } from "../_view.ts";
import { BOOK_IMAGE_11, testImages } from "../_data.ts";

/** Every console error and uncaught page error of every page opened. */
const problems: string[] = [];

/** Runs N images (N×784 values in [0, 1]) through the page's device engine. */
function onDevice(
  page: Page,
  model: string,
  images: number[][],
  activations = false,
) {
  return page.evaluate(async ({ model, images, activations }) => {
    const files = JSON.parse(document.getElementById("assets")!.textContent!);
    // the page's own script again (the same module): its engine, in a worker
    const { openEngine } = await import(files.app);
    const engine = await openEngine(files, [model]);
    return await engine.predict(
      model,
      Float32Array.from(images.flat()),
      { activations },
    ) as {
      digit: number;
      probabilities: number[];
      activations?: Record<string, number[]>;
    }[];
  }, { model, images, activations });
}

/** The largest absolute difference between two equally long lists. */
function largestDifference(a: number[], b: number[]): number {
  assertEquals(a.length, b.length);
  return Math.max(...a.map((value, i) => Math.abs(value - b[i])));
}

/** When the page painted and loaded, and when it asked for the engine's worker. */
async function loadTimes(page: Page) {
  const files = await pageFiles(page);
  return await page.evaluate((urls) => {
    const start = (url: string) =>
      performance.getEntriesByType("resource").find((entry) =>
        entry.name.endsWith(url)
      )?.startTime ?? NaN;
    const navigation = performance.getEntriesByType("navigation")[0].toJSON();
    return {
      paint: performance.getEntriesByName("first-contentful-paint")[0]
        .startTime,
      load: navigation.loadEventEnd as number,
      engine: start(urls.engine),
    };
  }, files);
}

async function engineAfterLoad(page: Page, server: Server, requests: string[]) {
  // the page as served starts on the server's engine (read from its HTML:
  // in the browser the device may already have taken over, the server warm
  // and the files quick to come)
  const html = await (await fetch(server.origin)).text();
  assert(html.includes('data-engine="server"'), "served on the server");
  await deviceReady(page);
  const timing = await loadTimes(page);
  // first paint does not wait for the engine (on a busy machine the first
  // contentful paint may come just after the load event, which the page
  // does not decide; the engine's request always after both)
  assert(timing.paint < timing.engine, JSON.stringify(timing));
  assert(timing.engine >= timing.load, JSON.stringify(timing));
  // the worker asks for the wasm (its requests are not in the page's timing)
  const files = requests.map((url) => new URL(url).pathname);
  const engine = files.indexOf("/static/engine.js");
  const wasm = files.indexOf("/static/ort-wasm-simd-threaded.wasm");
  assert(engine >= 0 && wasm > engine, JSON.stringify(files));
}

async function galleryRequests(page: Page, requests: string[]) {
  await page.locator(".tile b").filter({ hasText: /\d/ }).first().waitFor();
  const paths = requests.map((url) => new URL(url).pathname);
  assertEquals(paths.filter((p) => p.startsWith("/api/mnist")), []);
  assertEquals(paths.filter((p) => p === "/static/gallery.json").length, 1);
  // the tiles' answers: one batch (or none, had the device been first)
  const answers = requests.filter((url) =>
    url.endsWith("/api/predict?model=mlp")
  );
  assert(answers.length <= 1, `${answers.length} answer requests`);
}

async function drawnWithoutApi(page: Page) {
  // on a fast link the DeepConvNet follows the MLP onto the device
  await deviceReady(page, { both: true });
  const blocked: string[] = [];
  await page.route("**/api/predict**", (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  for (const digit of ["1", "0", "7"]) {
    await page.getByTestId("clear").click();
    await draw(page, DIGITS[digit]);
    assertEquals(await settled(page), digit);
    assertEquals(
      await page.getByTestId("engine").getAttribute("data-engine"),
      "device",
    );
    assertMatch(
      await page.getByTestId("compare-deep-cnn").innerText(),
      new RegExp(`^DeepConvNet: ${digit} `),
    );
    // the device's answer asks "Was it right?" as the API's does
    await page.getByTestId("feedback").waitFor();
    assertEquals(
      await page.getByTestId(`label-${digit}`).getAttribute("class"),
      "digit-choice guessed",
    );
  }
  assertEquals(blocked, []);
  assertEquals(problems, []);
}

async function forwardPassLive(page: Page) {
  // the pad and the strips both on the screen: the strips follow the pen
  // only while they are seen
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: 2400 });
  await page.evaluate(() => scrollTo(0, 0));
  await page.getByTestId("clear").click();
  // the strips appear with the first answer: watch their section
  await page.getByTestId("forward-pass").evaluate((element) => {
    const seen = new Set<string>();
    new MutationObserver(() => {
      const values = [
        ...element.querySelectorAll('[data-testid="strip-z1"] rect'),
      ].map((rect) => rect.getAttribute("data-value")).join();
      if (values) seen.add(values);
      element.setAttribute("data-states", String(seen.size));
    }).observe(element, {
      subtree: true,
      childList: true,
      attributeFilter: ["data-value"],
    });
  });
  await draw(page, DIGITS["7"], 20);
  const states = Number(
    await page.getByTestId("forward-pass").getAttribute("data-states"),
  );
  assert(states >= 5, `z1 changed ${states} times during one stroke`);
  assertEquals((await strip(page, "z2")).values.length, 100);
  await page.setViewportSize(viewport);
}

async function sameAsServer(page: Page, server: Server) {
  const [images] = await testImages();
  const batch = Array.from(
    { length: 100 },
    (_, i) => Array.from(images.data.subarray(i * 784, (i + 1) * 784)),
  );
  for (const model of ["mlp", "deep-cnn"]) {
    const device = await onDevice(page, model, batch);
    const response = await fetch(
      `${server.origin}/api/predict?model=${model}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ batch }),
      },
    );
    const { predictions } = await response.json() as {
      predictions: { digit: number; probabilities: number[] }[];
    };
    assertEquals(
      device.map((answer) => answer.digit),
      predictions.map((answer) => answer.digit),
      model,
    );
    const difference = largestDifference(
      device.flatMap((answer) => answer.probabilities),
      predictions.flatMap((answer) => answer.probabilities),
    );
    assert(difference <= 1e-5, `${model}: differs by ${difference}`);
  }
}

async function image11AsTheBook(page: Page) {
  const [images] = await testImages();
  const [answer] = await onDevice(page, "mlp", [
    Array.from(images.data.subarray(11 * 784, 12 * 784)),
  ], true);
  assertEquals(answer.digit, 6);
  const difference = largestDifference(answer.probabilities, BOOK_IMAGE_11);
  assert(difference <= 1e-6, `differs from the book by ${difference}`);
  assertEquals(
    Object.keys(answer.activations ?? {}),
    ["a1", "z1", "a2", "z2", "a3"],
  );
}

async function bookExampleOnDevice(page: Page) {
  await page.getByTestId("example-11").click();
  assertEquals(await settled(page), "6");
  assertMatch(
    await page.getByTestId("compare-mlp").innerText(),
    /^MLP: 6 \(91\.2%\)$/,
  );
}

browserTest(
  "the page runs both networks on the device, as the server does",
  async (t, server, browser) => {
    const requests: string[] = [];
    const { context, page } = await open(browser, server.origin, {
      viewport: { width: 1280, height: 900 },
      problems,
      setup: (context) => {
        context.on("request", (request) => requests.push(request.url()));
        return Promise.resolve();
      },
    });
    await t.step(
      "onnxruntime loads after the page has painted and loaded",
      () => engineAfterLoad(page, server, requests),
    );
    await t.step(
      "the gallery costs one request for its images and one for their answers",
      () => galleryRequests(page, requests),
    );
    await t.step("the engine line says the device", async () => {
      assertMatch(
        await page.getByTestId("engine").innerText(),
        /^this device · WebAssembly SIMD · \d+(\.\d)? ms$/,
      );
    });
    await t.step(
      "with /api/predict blocked, drawn 1, 0 and 7 are read right",
      () => drawnWithoutApi(page),
    );
    await t.step(
      "the forward pass follows the pen live while it is seen",
      () => forwardPassLive(page),
    );
    await t.step(
      "the first 100 test images: the device's answers are the server's",
      () => sameAsServer(page, server),
    );
    await t.step(
      "test image 11 on the device: the book's probabilities within 1e-6",
      () => image11AsTheBook(page),
    );
    await t.step(
      "the book's example from the gallery, on the device",
      () => bookExampleOnDevice(page),
    );
    await t.step("no console errors (a CSP violation is one)", () => {
      assertEquals(problems, []);
      assert(server.running(), `the server stopped:\n${server.log()}`);
    });
    await context.close();
  },
);
