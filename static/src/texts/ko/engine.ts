/**
 * The line under the answer, where the network runs, in Korean.
 *
 * @module
 */

import type { EngineTexts } from "../types.ts";

/** The line under the answer. */
export const engine: EngineTexts = {
  device: "이 기기",
  backend: "WebAssembly SIMD",
  server: "서버",
  loading: "신경망을 이 기기로 불러오는 중…",
  fallback: {
    "no-simd": "이 브라우저는 WebAssembly SIMD를 지원하지 않음",
    "load-failed": "신경망을 이 기기로 불러오지 못함",
    "too-slow": "이 기기가 서버보다 느림",
  },
  light: {
    "save-data": "데이터 절약 모드가 켜져 있음",
    "slow-link": "연결이 느림",
  },
  offer: (size) => `이 기기에서 실행: ${size}`,
  progress: (loaded, total) => `${total} 중 ${loaded}`,
};
