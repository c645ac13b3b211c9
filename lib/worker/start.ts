/**
 * Starting a module Worker with the web's Worker, kept here, the one place
 * that keeps it.
 *
 * @module
 */

/**
 * The web's Worker, kept as it is when this module loads (the one place that
 * keeps it): onnxruntime-web's Emscripten glue, taking Deno for Node, puts
 * node:worker_threads' Worker in its place when a session first starts on a
 * thread, and a module written for the web Worker (`self.onmessage`) cannot
 * run in that one. lib/runtime and lib/http import this module, so it loads
 * before any session starts.
 */
const WebWorker = globalThis.Worker;

/**
 * Starts a module Worker of `url` with the permissions of the process (it
 * needs to read its own modules).
 *
 * @throws {Error} When this module loaded after something had replaced the
 * web's Worker (import it before onnxruntime-web starts a session).
 */
export function startWorker(url: URL): Worker {
  if (!("onmessageerror" in WebWorker.prototype)) {
    throw new Error(
      `Cannot start ${url.pathname}: the web's Worker was replaced (by onnxruntime-web?) before lib/worker/off_thread.ts loaded`,
    );
  }
  return new WebWorker(url, { type: "module" });
}
