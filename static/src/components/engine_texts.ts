/**
 * The engine line's strings, in English and Korean (beside texts.ts, which
 * holds the rest of the page's words).
 *
 * @module
 */

import type { FallbackReason } from "../device.ts";
import type { Lang } from "./lang.ts";

/** A duration as the engine line shows it: `0.3 ms`, `41 ms`. */
export function duration(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

const en = {
  device: "this device",
  backend: "WebAssembly SIMD",
  server: "server",
  loading: "loading the network onto this device…",
  fallback: {
    "no-simd": "this browser has no WebAssembly SIMD",
    "load-failed": "the network could not be loaded onto this device",
    "too-slow": "this device is slower than the server",
  } as Record<FallbackReason, string>,
};

/** The engine line's strings in one language. */
export type EngineTexts = typeof en;

const ko: EngineTexts = {
  device: "이 기기",
  backend: "WebAssembly SIMD",
  server: "서버",
  loading: "신경망을 이 기기로 불러오는 중…",
  fallback: {
    "no-simd": "이 브라우저는 WebAssembly SIMD를 지원하지 않음",
    "load-failed": "신경망을 이 기기로 불러오지 못함",
    "too-slow": "이 기기가 서버보다 느림",
  },
};

/** The engine line's strings by language. */
export const ENGINE_TEXTS: Record<Lang, EngineTexts> = { en, ko };
