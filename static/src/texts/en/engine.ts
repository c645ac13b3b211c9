/**
 * The line under the answer, where the network runs, in English.
 *
 * @module
 */

import type { EngineTexts } from "../types.ts";

/** The line under the answer. */
export const engine: EngineTexts = {
  device: "this device",
  backend: "WebAssembly SIMD",
  server: "server",
  loading: "loading the network onto this device…",
  fallback: {
    "no-simd": "this browser has no WebAssembly SIMD",
    "load-failed": "the network could not be loaded onto this device",
    "too-slow": "this device is slower than the server",
  },
  light: {
    "save-data": "Save-Data is on",
    "slow-link": "the connection is slow",
  },
  offer: (size) => `run on this device: ${size}`,
  progress: (loaded, total) => `${loaded} of ${total}`,
};
