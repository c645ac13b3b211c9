/**
 * Runs work when the browser is next idle: the engine's start after the page
 * has loaded, and the views off the screen taking a finished stroke's answer.
 *
 * @module
 */

/** Without `requestIdleCallback` (Safari): how long to wait instead. */
export const NO_IDLE_WAIT_MS = 50;

/**
 * Calls `run` once when the browser is idle, or after `timeout` ms at the
 * latest; returns what cancels it.
 */
export function onIdle(run: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(() => run(), { timeout });
    return () => cancelIdleCallback(id);
  }
  const timer = setTimeout(run, NO_IDLE_WAIT_MS);
  return () => clearTimeout(timer);
}
