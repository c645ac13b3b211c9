/**
 * Whether this browser's link asks for a light page: Save-Data on, or a slow
 * effective connection, as `navigator.connection` tells (Chromium's Network
 * Information API; other browsers have none, and count as a fast link). The
 * page then stays on the API and offers the device; the service worker keeps
 * the DeepConvNet's file for when it is first used.
 *
 * @module
 */

/** Why the page does not download the engine on its own. */
export type LightReason = "save-data" | "slow-link";

/** The parts of the Network Information API read here. */
interface Connection {
  saveData?: boolean;
  effectiveType?: string;
}

/** Effective connection types too slow to download the engine unasked. */
const SLOW = new Set(["slow-2g", "2g", "3g"]);

/** Why the link asks for a light page, or null when it does not. */
export function lightLink(
  connection = (globalThis.navigator as { connection?: Connection })
    ?.connection,
): LightReason | null {
  if (!connection) return null;
  if (connection.saveData) return "save-data";
  if (SLOW.has(connection.effectiveType ?? "")) return "slow-link";
  return null;
}
