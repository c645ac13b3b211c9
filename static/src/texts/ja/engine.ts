/**
 * The line under the answer, where the network runs, in Japanese.
 *
 * @module
 */

import type { EngineTexts } from "../types.ts";

/** The line under the answer. */
export const engine: EngineTexts = {
  device: "この端末",
  backend: "WebAssembly SIMD",
  server: "サーバー",
  loading: "ニューラルネットワークをこの端末に読み込み中…",
  fallback: {
    "no-simd": "このブラウザはWebAssembly SIMDに対応していません",
    "load-failed": "ニューラルネットワークをこの端末に読み込めませんでした",
    "too-slow": "この端末ではサーバーより遅くなります",
  },
  light: {
    "save-data": "データセーバーがオンです",
    "slow-link": "回線が遅いです",
  },
  offer: (size) => `この端末で実行：${size}`,
  progress: (loaded, total) => `${loaded} / ${total}`,
};
