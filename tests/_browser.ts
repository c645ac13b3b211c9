/**
 * The browser tests' frame (tests/static/): the real server (main.ts) on a
 * free port, headless Chromium through playwright-core, a page opened as a
 * first visit, the ways to keep the device engine away (held, blocked, no
 * SIMD) — and the check that a test leaves every tracked file as it found
 * it. Drawing is in _pen.ts, reading the page back in _view.ts.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import fs from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServer as startProcess } from "../scripts/bench/server_process.ts";

// playwright-core probes for WSL (/proc/sys/fs/binfmt_misc/WSLInterop) when it
// loads, and Deno 2.9 lets only --allow-all read /proc/sys; the tests run with
// named permissions (deno.json "test.permissions"), so answer the probe here.
const existsSync = fs.existsSync;
fs.existsSync = (path) =>
  String(path).startsWith("/proc/sys/") ? false : existsSync(path);
const { chromium } = await import("playwright-core");

/** The repository root. */
export const ROOT = new URL("..", import.meta.url);
const CHROMIUM = "/usr/bin/chromium";

/** Launches the system's headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** The server under test, with what it printed. */
export interface Server {
  origin: string;
  running(): boolean;
  log(): string;
  close(): Promise<void>;
}

/**
 * Starts `deno run -P=serve main.ts` on a free port and waits until it has
 * warmed up (`/v2/health/ready`): its files compressed, and the page showing
 * their sizes as sent. (`/api/health` answers from the server's first moment.)
 */
export async function startServer(
  env: Record<string, string> = {},
): Promise<Server> {
  const server = await startProcess({ env, waitFor: "/v2/health/ready" });
  return {
    origin: server.url,
    running: server.running,
    log: server.log,
    close: async () => void await server.stop(),
  };
}

/**
 * Opens `/` in a new context, recording console and page errors in `problems`.
 * The context is English (`locale: "en-US"`) and blocks service workers
 * (`serviceWorkers: "block"`), so each test starts from a first visit,
 * unless the options say otherwise.
 */
export async function open(
  browser: Browser,
  origin: string,
  options: Parameters<Browser["newContext"]>[0] & {
    problems: string[];
    /** Runs on the new context before the page opens (routes, init scripts). */
    setup?: (context: BrowserContext) => Promise<void>;
    /** Runs on the new page before it navigates (CDP: Save-Data, the network's state). */
    before?: (page: Page) => Promise<void>;
  },
): Promise<{ context: BrowserContext; page: Page }> {
  const { problems, setup, before, ...contextOptions } = options;
  const context = await browser.newContext({
    baseURL: origin,
    locale: "en-US",
    serviceWorkers: "block",
    ...contextOptions,
  });
  await setup?.(context);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console: ${message.text()} (${page.url()})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
  await before?.(page);
  // "load" comes after the module script has hydrated the page
  const response = await page.goto("/");
  if (response?.status() !== 200) {
    throw new Error(
      `GET / answered ${response?.status()}: is pageRoutes() mounted in routes/app.ts?`,
    );
  }
  return { context, page };
}

/**
 * Every tracked file's size and modification time, by path: a file a test
 * writes changes here even when its bytes stay the same.
 *
 * @throws {Error} Outside a git checkout, where no file is tracked.
 */
export async function trackedFiles(): Promise<Map<string, string>> {
  const { code, stdout } = await new Deno.Command("git", {
    args: ["ls-files", "-z"],
    cwd: ROOT,
    stderr: "null",
  }).output();
  if (code !== 0) {
    throw new Error(
      "The browser tests check the tracked files: run them in a git checkout",
    );
  }
  const paths = new TextDecoder().decode(stdout).split("\0").filter(Boolean);
  const root = decodeURIComponent(ROOT.pathname);
  const files = new Map<string, string>();
  for (const path of paths) {
    const info = await Deno.stat(root + path).catch(() => null);
    files.set(
      path,
      info ? `${info.size} bytes, ${info.mtime?.toISOString()}` : "deleted",
    );
  }
  return files;
}

/** The paths whose entry differs between two {@linkcode trackedFiles} maps. */
export function changedFiles(
  before: Map<string, string>,
  after: Map<string, string>,
): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path));
}

/**
 * A browser test: `main.ts` on a free port and a launched Chromium, both
 * closed after `fn` whatever happens (with the server's log when it stopped
 * early), then a last step: no tracked file was written (screenshots are
 * `deno task screenshots`' job). The sanitizers are off: playwright keeps
 * pipes to the browser process open between steps.
 */
export function browserTest(
  name: string,
  fn: (
    t: Deno.TestContext,
    server: Server,
    browser: Browser,
  ) => Promise<void>,
): void {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn(t) {
      const before = await trackedFiles();
      const server = await startServer();
      const browser = await launchBrowser();
      try {
        await fn(t, server, browser);
      } finally {
        await browser.close();
        if (!server.running()) {
          console.error(`main.ts stopped:\n${server.log()}`);
        }
        await server.close();
      }
      await t.step("no tracked file was written", async () => {
        assertEquals(
          changedFiles(before, await trackedFiles()),
          [],
          "the test wrote tracked files (screenshots: deno task screenshots)",
        );
      });
    },
  });
}

/**
 * Waits until the page predicts on this device (the engine line says so):
 * the MLP, and with `both` the DeepConvNet too (it follows the MLP).
 */
export async function deviceReady(
  page: Page,
  { timeout = 90_000, both = false } = {},
) {
  const models = both ? '[data-models="mlp deep-cnn"]' : "";
  await page.locator(`[data-testid="engine"][data-engine="device"]${models}`)
    .waitFor({ timeout });
}

/**
 * Keeps onnxruntime's wasm from arriving in this context, so the device
 * engine fails to load and the page stays on the API.
 */
export async function blockWasm(context: BrowserContext) {
  await context.route(/\.wasm(\?|$)/, (route) => route.abort());
}

/**
 * Holds the device engine's chunk on its way for as long as the context
 * lives: the page stays where a first visit starts, predicting through the
 * API while the engine "loads".
 */
export async function holdEngine(context: BrowserContext) {
  await context.route(/\/static\/engine\.js/, () => {});
}

/**
 * Makes the browser look as if it had no WebAssembly SIMD (every tiny probe
 * using the SIMD prefix fails validation), so the page stays on the API
 * without any failed request.
 */
export async function withoutSimd(context: BrowserContext) {
  await context.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const view = new Uint8Array(bytes as ArrayBuffer);
      return view.length < 64 && view.includes(0xfd) ? false : validate(bytes);
    };
  });
}

/** The URLs of the files the page loads after its first paint (its "assets" island). */
export async function pageFiles(page: Page): Promise<{
  engine: string;
  wasm: string;
  gallery: string;
  models: Record<string, string>;
}> {
  const text = await page.locator("#assets").textContent();
  return JSON.parse(text ?? "null");
}
