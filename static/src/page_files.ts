/**
 * The URLs of the files the page loads after its first paint (the engine
 * chunk, the wasm, the models, the gallery's data), as the server wrote them
 * into <script type="application/json" id="assets">, each with its content hash.
 *
 * @module
 */

import type { AssetUrls } from "../../lib/assets/mod.ts";

export type { AssetUrls };

let files: AssetUrls | null | undefined;

/** The page's file URLs, or null outside a page the server rendered. */
export function pageFiles(): AssetUrls | null {
  if (files === undefined) {
    const island = globalThis.document?.getElementById("assets");
    files = island ? JSON.parse(island.textContent ?? "null") : null;
  }
  return files ?? null;
}
