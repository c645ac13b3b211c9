/**
 * Where the network cannot run on the device, the page stays on the API and
 * says so: the wasm does not arrive, or the browser has no WebAssembly SIMD.
 *
 * @module
 */

import { assertEquals, assertMatch } from "@std/assert";
import type { BrowserContext } from "playwright-core";
import { blockWasm, browserTest, open, withoutSimd } from "../_browser.ts";
import { DIGITS, draw } from "../_pen.ts";

/**
 * What the browser logs when the wasm does not arrive (and nothing else):
 * in the engine's worker, onnxruntime's glue also tries a synchronous
 * request before it gives up.
 */
const WASM_FAILED =
  /Failed to load resource: net::ERR_FAILED|wasm streaming compile failed|falling back to ArrayBuffer|fetching of the wasm failed|failed to asynchronously prepare wasm|Aborted\(NetworkError/;

const cases: [
  name: string,
  setup: (context: BrowserContext) => Promise<void>,
  says: RegExp,
  expectedErrors: RegExp | undefined,
][] = [
  [
    "the wasm fails to load",
    blockWasm,
    /^server · \d+(\.\d)? ms · the network could not be loaded onto this device$/,
    WASM_FAILED,
  ],
  [
    "WebAssembly SIMD is missing",
    withoutSimd,
    /^server · \d+(\.\d)? ms · this browser has no WebAssembly SIMD$/,
    undefined,
  ],
];

browserTest(
  "the page stays on the API where the device cannot run the network",
  async (t, server, browser) => {
    for (const [name, setup, says, expectedErrors] of cases) {
      await t.step(
        `${name}: drawn digits are read by the server`,
        async () => {
          const problems: string[] = [];
          const predicted: string[] = [];
          const { context, page } = await open(browser, server.origin, {
            problems,
            setup,
          });
          page.on("request", (request) => {
            const url = new URL(request.url());
            if (url.pathname === "/api/predict") predicted.push(url.search);
          });
          const engine = page.getByTestId("engine");
          await page.locator('[data-engine="server"]').filter({
            hasText: /·.*(loaded|SIMD)/,
          }).waitFor({ timeout: 60_000 });
          for (const digit of ["1", "7"]) {
            await page.getByTestId("clear").click();
            await draw(page, DIGITS[digit]);
            assertEquals(
              await page.getByTestId("prediction").innerText(),
              digit,
            );
          }
          assertEquals(await engine.getAttribute("data-engine"), "server");
          assertMatch(await engine.innerText(), says);
          assertMatch(predicted.join(), /model=mlp&activations=true/);
          assertMatch(predicted.join(), /model=deep-cnn/);
          assertEquals(
            problems.filter((problem) => !expectedErrors?.test(problem)),
            [],
          );
          await context.close();
        },
      );
    }
  },
);
