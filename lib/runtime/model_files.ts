/**
 * What the server reads from disk for a model: its ONNX bytes, its
 * precomputed structure and report (written by `deno task build`), and
 * onnxruntime-web's wasm, found through the package's own export.
 *
 * @module
 */

import type { Report } from "../evaluate/mod.ts";
import type { Session } from "../infer/mod.ts";
import { type ModelInfo, modelSpec } from "../models.ts";
import { readWorkFile } from "../work_file.ts";

/** onnxruntime-web's SIMD wasm, resolved through the package's exports map. */
export const ORT_WASM_URL = new URL(
  import.meta.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm"),
);

let wasm: Promise<Uint8Array> | undefined;

/** onnxruntime-web's wasm bytes, read once per process. */
export function ortWasm(): Promise<Uint8Array> {
  wasm ??= Deno.readFile(ORT_WASM_URL);
  return wasm;
}

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, read: () => Promise<T>): Promise<T> {
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/**
 * A served model's evaluation report, read once.
 *
 * @throws {ClientError} 404 when no model has that name.
 */
export function readReport(name: string): Promise<Report> {
  const spec = modelSpec(name);
  return once(
    `report:${name}`,
    async () => JSON.parse(await Deno.readTextFile(spec.report)),
  );
}

/**
 * A served model's structure (`model/<name>.info.json`, from the build), read once.
 *
 * @throws {ClientError} 404 when no model has that name.
 */
export function readModelInfo(name: string): Promise<ModelInfo> {
  const spec = modelSpec(name);
  return once(
    `info:${name}`,
    async () => JSON.parse(await Deno.readTextFile(spec.info)),
  );
}

/**
 * Reads a served model's ONNX file and opens an onnxruntime-web session on it.
 *
 * @throws {ClientError} 404 when no model has that name.
 */
export async function openModel(name: string): Promise<Session> {
  const spec = modelSpec(name);
  // both read into buffers of V8's own (lib/work_file.ts): freed after the
  // start, they leave glibc's mmap threshold where it was
  const model = await readWorkFile(spec.file);
  // onnxruntime-web is loaded only where a session is opened: the inference
  // worker (lib/runtime/_infer_worker.ts), scripts and tests, not the event loop
  const { createSession } = await import("../infer/session.ts");
  return await createSession({
    name: spec.name,
    model,
    // read for the first session only, and let go once the runtime runs
    wasm: () => readWorkFile(ORT_WASM_URL),
    imageShape: spec.imageShape,
  });
}
