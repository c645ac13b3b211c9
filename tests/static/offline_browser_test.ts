/**
 * After one visit the page loads and reads a drawn digit with the network
 * off: the service worker kept the page, the bundle, the styles, the engine,
 * the wasm, the models and the gallery's data — and no API answer.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { browserTest, deviceReady, open } from "../_browser.ts";
import { DIGITS, draw } from "../_pen.ts";

browserTest(
  "after one visit the page works offline",
  async (t, server, browser) => {
    const problems: string[] = [];
    // the one test that lets the page install its service worker
    const { context, page } = await open(browser, server.origin, {
      problems,
      serviceWorkers: "allow",
    });

    await t.step(
      "the first visit installs the worker and its cache",
      async () => {
        await deviceReady(page);
        await draw(page, DIGITS["1"]);
        await page.evaluate(() => navigator.serviceWorker.ready);
        const kept = await page.waitForFunction(
          async () => {
            const names = await caches.keys();
            if (names.length !== 1) return false;
            const cache = await caches.open(names[0]);
            const urls = (await cache.keys()).map((r) => new URL(r.url));
            return urls.length >= 11 &&
              urls.map((u) => u.pathname + u.search);
          },
          undefined,
          { timeout: 60_000, polling: 250 },
        );
        const urls = await kept.jsonValue() as string[];
        for (
          const file of [
            "app.js",
            "early.js",
            "engine.js",
            "style.css",
            "ort-wasm-simd-threaded.wasm",
            "mlp.onnx",
            "deep-cnn.onnx",
            "gallery.json",
          ]
        ) {
          assert(
            urls.some((url) => url.startsWith(`/static/${file}?v=`)),
            `${file} not kept: ${urls}`,
          );
        }
        assert(urls.includes("/"), `the page is not kept: ${urls}`);
        // the Korean and Japanese font subsets, at the URLs style.css names
        for (const script of ["kr", "jp"]) {
          for (const weight of [400, 700]) {
            const font = `/static/fonts/noto-sans-${script}-${weight}.woff2?v=`;
            assert(
              urls.some((url) => url.startsWith(font)),
              `${font} not kept: ${urls}`,
            );
          }
        }
        assertEquals(urls.filter((url) => url.startsWith("/api/")), []);
      },
    );

    await t.step(
      "offline, the page reloads and reads a drawn 7",
      async () => {
        await context.setOffline(true);
        await page.reload();
        await deviceReady(page);
        await draw(page, DIGITS["7"]);
        assertEquals(await page.getByTestId("prediction").innerText(), "7");
        // the gallery's images and their answers: the cache and the device
        await page.locator(".tile b").filter({ hasText: /^\d$/ }).first()
          .waitFor();
        await context.setOffline(false);
      },
    );

    await t.step("no errors but the failed requests of being offline", () => {
      const offline = /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;
      assertEquals(problems.filter((problem) => !offline.test(problem)), []);
    });
    await context.close();
  },
);
