/**
 * The page's "Run the test set" in Chromium (deno task bench:test-set): the
 * book's accuracy loop over the 10,000 test images on the device engine at
 * batch sizes 1, 10, 100 and 1000, in interleaved rounds, at full speed and
 * with the page's main thread slowed 4× (the worker runs at full speed
 * either way: Chromium slows the main thread only) — images a second as the
 * page shows them (`data-images-per-second`), and the main thread's longest
 * task during the runs. `--rounds N` (3 by default).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { launchBrowser } from "../../tests/_browser.ts";
import { longTasksBetween, median, openPhone, throttle } from "./phone.ts";
import { startServer } from "./server_process.ts";

const BATCH_SIZES = [1, 10, 100, 1000];

const { values } = parseArgs({
  args: Deno.args,
  options: { rounds: { type: "string", default: "3" } },
});
const rounds = Number(values.rounds);

const server = await startServer({ waitFor: "/v2/health/ready" });
const browser = await launchBrowser();
try {
  for (const cpu of [1, 4]) {
    const { page, cdp, context } = await openPhone(browser, server.url);
    await page.locator('[data-testid="engine"][data-engine="device"]')
      .waitFor({ timeout: 120_000 });
    await page.getByTestId("run-test-set").scrollIntoViewIfNeeded();
    await throttle(cdp, cpu);
    const rates = new Map<number, number[]>(BATCH_SIZES.map((b) => [b, []]));
    let longest = 0;
    for (let round = 0; round < rounds; round++) {
      for (const batchSize of BATCH_SIZES) {
        const bar = page.locator(
          `[data-testid="batch-timing"][data-batch-size="${batchSize}"]`,
        );
        await page.getByTestId("batch-size").selectOption(String(batchSize));
        const from = await page.evaluate(() => performance.now());
        await page.getByTestId("run-test-set").click();
        // Cancel is enabled while the run goes
        await page.waitForFunction(
          () =>
            document.querySelector<HTMLButtonElement>(
              '[data-testid="cancel-test-set"]',
            )?.disabled,
          undefined,
          { timeout: 600_000 },
        );
        await bar.waitFor();
        const to = await page.evaluate(() => performance.now());
        const rate = Number(await bar.getAttribute("data-images-per-second"));
        rates.get(batchSize)!.push(rate);
        const tasks = await longTasksBetween(page, from, to);
        longest = Math.max(longest, ...tasks);
      }
    }
    const line = BATCH_SIZES.map((b) =>
      `batch ${b}: ${
        Math.round(median(rates.get(b)!)).toLocaleString("en-US")
      }/s`
    ).join(", ");
    console.log(
      `CPU ${cpu}×, median of ${rounds}: ${line}; longest main-thread task ${
        Math.round(longest)
      } ms`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
