/**
 * Brings the network onto this device once the page is interactive: checks
 * for WebAssembly SIMD, imports the engine chunk (static/engine.js) and opens
 * both models, times a prediction, and says where the page's predictions run
 * from then on. The page predicts through the API until then, and for good
 * when SIMD is missing, the engine fails to load, or the device is too slow.
 * This module is the one holder of the engine: `deviceEngine()`.
 *
 * @module
 */

import type { Activations, Answer, ModelName } from "./api.ts";
import type { DeviceEngine } from "./engine.ts";
import type * as EngineModule from "./engine.ts";
import { type AssetUrls, pageFiles } from "./page_files.ts";

/** Past this many milliseconds for one prediction (both models), the server is the better place. */
export const TOO_SLOW_MS = 100;

/** Why the page stays on the server. */
export type FallbackReason = "no-simd" | "load-failed" | "too-slow";

/** Where the page's predictions run. */
export type EngineStatus =
  | { kind: "loading" }
  | {
    kind: "device";
    /** Milliseconds one prediction of both models took when timed. */
    ms: number;
  }
  | { kind: "server"; reason: FallbackReason; ms?: number };

/** Each model's answer for one input. */
export type Answers = Record<ModelName, Answer>;

/** What both models say about one image, with the MLP's layers. */
export interface BothAnswers {
  answers: Answers;
  /** The MLP's hidden layers (a1, z1, a2, z2, a3). */
  activations: Activations | null;
}

/** One model's answer, handed on before the other model runs. */
export interface EarlyAnswer {
  model: ModelName;
  answer: Answer;
  /** The MLP's hidden layers, when the model is the MLP. */
  activations?: Activations;
}

/** Options of {@linkcode bothOnDevice}. */
export interface BothOptions {
  /** The model that runs first (the one the page shows large). */
  first?: ModelName;
  /** Receives the first model's answer while the other one runs. */
  early?(found: EarlyAnswer): void;
}

/** The smallest module that uses a SIMD instruction. */
const SIMD_PROBE = new Uint8Array([
  ...[0, 97, 115, 109, 1, 0, 0, 0], // "\0asm", version 1
  ...[1, 5, 1, 96, 0, 1, 123], // one type: () → v128
  ...[3, 2, 1, 0], // one function of that type
  // its code: i32.const 0, i8x16.splat, i8x16.popcnt, end
  ...[10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
]);

/** Whether this browser runs WebAssembly with SIMD (onnxruntime-web's wasm needs it). */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === "object" &&
      WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Resolves once the page has loaded and the browser is idle. */
export function whenInteractive(): Promise<void> {
  const loaded = document.readyState === "complete"
    ? Promise.resolve()
    : new Promise<void>((resolve) =>
      addEventListener("load", () => resolve(), { once: true })
    );
  return loaded.then(() =>
    new Promise<void>((resolve) => {
      if ("requestIdleCallback" in globalThis) {
        requestIdleCallback(() => resolve(), { timeout: 500 });
      } else setTimeout(resolve, 50);
    })
  );
}

/**
 * One image through both models on the device, one after the other: the
 * MLP with its hidden layers, and the DeepConvNet. The page's drawings take
 * this path, and so does the timing that decides whether to use the device.
 */
export async function bothOnDevice(
  engine: DeviceEngine,
  pixels: Float32Array,
  options: BothOptions = {},
): Promise<BothAnswers> {
  const { first = "mlp", early } = options;
  const order: ModelName[] = first === "mlp"
    ? ["mlp", "deep-cnn"]
    : ["deep-cnn", "mlp"];
  const found = {} as Record<ModelName, EarlyAnswer>;
  for (const model of order) {
    const [{ activations, ...answer }] = await engine.predict(model, pixels, {
      activations: model === "mlp",
    });
    found[model] = { model, answer, activations };
    if (model === first) early?.(found[model]);
  }
  return {
    answers: { mlp: found.mlp.answer, "deep-cnn": found["deep-cnn"].answer },
    activations: found.mlp.activations ?? null,
  };
}

/** The median time of a prediction of both models, after one to warm up. */
async function timePrediction(engine: DeviceEngine): Promise<number> {
  const blank = new Float32Array(784);
  await bothOnDevice(engine, blank);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await bothOnDevice(engine, blank);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1];
}

let device: DeviceEngine | null = null;
let started: Promise<EngineStatus> | undefined;

/** Loads the engine chunk and both models, and decides whether to use them. */
async function load(files: AssetUrls): Promise<EngineStatus> {
  if (!simdSupported()) return { kind: "server", reason: "no-simd" };
  let engine: DeviceEngine;
  try {
    const module: typeof EngineModule = await import(files.engine);
    engine = await module.openEngine(files);
  } catch (error) {
    console.warn("The device engine did not load:", error);
    return { kind: "server", reason: "load-failed" };
  }
  const ms = await timePrediction(engine);
  if (ms > TOO_SLOW_MS) return { kind: "server", reason: "too-slow", ms };
  device = engine;
  return { kind: "device", ms };
}

/** The device engine once it is in use, else null: the one way to reach it. */
export function deviceEngine(): DeviceEngine | null {
  return device;
}

/**
 * Starts bringing the engine onto the device once the page is interactive
 * (once per page), then registers the service worker that keeps the page
 * for offline use — after the engine, so the worker copies the wasm and the
 * models from the HTTP cache rather than downloading them a second time.
 */
export function startDevice(): Promise<EngineStatus> {
  started ??= whenInteractive().then(async () => {
    const files = pageFiles();
    const status: EngineStatus = files
      ? await load(files)
      : { kind: "server", reason: "load-failed" };
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register("/sw.js").catch((error) =>
        console.warn("The service worker did not register:", error)
      );
    }
    return status;
  });
  return started;
}
