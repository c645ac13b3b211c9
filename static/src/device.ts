/**
 * Brings the network onto this device once the page is interactive: checks
 * for WebAssembly SIMD, starts the engine's worker (engine_client.ts), opens
 * the MLP — the chapter's network — and times it, then the DeepConvNet when
 * it is chosen, or at once on a fast link. On Save-Data or a slow link
 * (link.ts) the page stays on the API and offers the device with its size
 * until the reader asks. The page predicts through the API until the device
 * is ready, and for good when SIMD is missing, the engine fails to load, or
 * the device is too slow. This module is the one holder of the engine
 * (`deviceEngine()`) and of where predictions run (`engineStatus()`).
 *
 * @module
 */

import type { ModelName } from "./api.ts";
import { type DeviceEngine, openEngine } from "./engine_client.ts";
import { onIdle } from "./idle.ts";
import { lightLink, type LightReason } from "./link.ts";
import { type AssetUrls, pageFiles } from "./page_files.ts";

export type { LightReason };

/** Past this many milliseconds for one prediction of the MLP, the server is the better place. */
export const TOO_SLOW_MS = 100;

/** The User Timing mark set when the engine starts loading. */
export const ENGINE_START_MARK = "engine-start";

/** Why the page stays on the server. */
export type FallbackReason = "no-simd" | "load-failed" | "too-slow";

/** Where the page's predictions run. */
export type EngineStatus =
  | { kind: "loading" }
  | {
    kind: "device";
    /** Milliseconds the quickest of four predictions of the MLP took. */
    ms: number;
    /** The models open on the device (the others are asked of the API). */
    models: ModelName[];
  }
  | { kind: "server"; reason: FallbackReason; ms?: number }
  | {
    kind: "offer";
    reason: LightReason;
    /** The bytes the device's first download takes (engine, wasm, MLP), as sent. */
    bytes: number;
  };

/** The engine's download: bytes arrived of the whole, as sent (estimated). */
export interface Progress {
  loaded: number;
  total: number;
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

/** Resolves when the browser is idle (or after `timeout` ms at the latest). */
function idle(timeout: number): Promise<void> {
  return new Promise<void>((resolve) => onIdle(resolve, timeout));
}

/** Resolves once the page has loaded and the browser is idle. */
export function whenInteractive(): Promise<void> {
  const loaded = document.readyState === "complete"
    ? Promise.resolve()
    : new Promise<void>((resolve) =>
      addEventListener("load", () => resolve(), { once: true })
    );
  return loaded.then(() => idle(500));
}

let device: DeviceEngine | null = null;
let status: EngineStatus = { kind: "loading" };
let progress: Progress | null = null;
const listeners = new Set<() => void>();
let decided: Promise<EngineStatus> | undefined;
let asked: (() => void) | undefined;

function set(next: EngineStatus) {
  status = next;
  for (const listener of listeners) listener();
}

/** Where predictions run now. */
export function engineStatus(): EngineStatus {
  return status;
}

/** The engine's download while it loads, else null. */
export function engineProgress(): Progress | null {
  return progress;
}

/** Calls `listener` whenever the status or the download's progress changes; returns the way to stop. */
export function onEngine(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The device engine once it is in use, else null: the one way to reach it. */
export function deviceEngine(): DeviceEngine | null {
  return device;
}

/**
 * The quickest of four predictions of the MLP, after one to warm up: the
 * round trip to the worker, which a busy main thread (a stroke being drawn)
 * only lengthens.
 */
async function timePrediction(engine: DeviceEngine): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await engine.predict("mlp", new Float32Array(784), { activations: true });
    times.push(performance.now() - start);
  }
  return Math.min(...times.slice(1));
}

/** The bytes the first download takes, as sent: the engine, the wasm, the MLP. */
function firstDownload(files: AssetUrls): number {
  const { engine, wasm, models } = files.sizes;
  return engine.sent + wasm.sent + models.mlp.sent;
}

/** Starts the worker and opens the MLP, counting the download; decides whether to use it. */
async function load(files: AssetUrls): Promise<EngineStatus> {
  performance.mark(ENGINE_START_MARK);
  const { wasm, models } = files.sizes;
  // the wire carries the files compressed: the bytes that arrive are counted
  // as their share of what is sent
  const ratio = (wasm.sent + models.mlp.sent) / (wasm.bytes + models.mlp.bytes);
  progress = { loaded: files.sizes.engine.sent, total: firstDownload(files) };
  set({ kind: "loading" });
  let engine: DeviceEngine;
  try {
    engine = await openEngine(files);
    await engine.open("mlp", {
      progress(bytes) {
        progress = { ...progress!, loaded: progress!.loaded + bytes * ratio };
        for (const listener of listeners) listener();
      },
    });
  } catch (error) {
    console.warn("The device engine did not load:", error);
    return { kind: "server", reason: "load-failed" };
  } finally {
    progress = null;
  }
  const ms = await timePrediction(engine);
  if (ms > TOO_SLOW_MS) return { kind: "server", reason: "too-slow", ms };
  device = engine;
  return { kind: "device", ms, models: engine.models() };
}

/**
 * Opens `model` on the device when the engine is in use and the model is not
 * open yet (the reader chose it); the status says so once it is.
 */
export function wantModel(model: ModelName): Promise<void> {
  const engine = device;
  if (!engine || engine.models().includes(model)) return Promise.resolve();
  return engine.open(model).then(
    () => {
      if (status.kind === "device") set({ ...status, models: engine.models() });
    },
    (error) => console.warn(`${model} did not load on this device:`, error),
  );
}

/** Registers the service worker that keeps the page for offline use. */
function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch((error) =>
    console.warn("The service worker did not register:", error)
  );
}

/** What the page does once interactive: the device at once, or an offer first. */
async function decide(): Promise<EngineStatus> {
  const files = pageFiles();
  if (!files) return { kind: "server", reason: "load-failed" };
  if (!simdSupported()) return { kind: "server", reason: "no-simd" };
  // a page the service worker serves has the engine in its cache already
  const light = navigator.serviceWorker?.controller ? null : lightLink();
  if (light) {
    set({ kind: "offer", reason: light, bytes: firstDownload(files) });
    await new Promise<void>((resolve) => asked = resolve);
  }
  return await load(files);
}

/**
 * After the MLP: the DeepConvNet on a fast link, then the service worker —
 * once the page has shown the device and is idle, so that the reader's
 * first answers on the device come before the DeepConvNet's bytes.
 */
async function afterDevice() {
  await idle(2000);
  if (!lightLink()) await wantModel("deep-cnn");
  keepOffline();
}

/**
 * Starts bringing the engine onto the device once the page is interactive
 * (once per page). Resolves when the page knows where it predicts: the
 * device or the server, or — on a light link — the offer to download.
 * The service worker is registered after the engine's files have come (it
 * copies them from the HTTP cache rather than download them again): after
 * the DeepConvNet on a fast link, after the MLP on a light one.
 */
export function startDevice(): Promise<EngineStatus> {
  decided ??= whenInteractive().then(() =>
    new Promise<EngineStatus>((resolve) => {
      const stop = onEngine(() => {
        if (status.kind === "offer") stop(), resolve(status);
      });
      decide().catch((error): EngineStatus => {
        console.warn("The device engine did not start:", error);
        return { kind: "server", reason: "load-failed" };
      }).then((next) => {
        stop();
        set(next);
        resolve(next);
        if (next.kind === "device") afterDevice();
      });
    })
  );
  return decided;
}

/** The reader asks for the device (the offer's button): its download starts. */
export function runOnDevice(): void {
  asked?.();
  asked = undefined;
}
