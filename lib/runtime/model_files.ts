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

let session: Promise<typeof import("../infer/session.ts")> | undefined;
let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * Starts importing onnxruntime-web's JS (lib/infer/session.ts), once per
 * thread. onnxruntime-web is loaded only where a session is opened: the
 * inference worker (lib/runtime/_infer_worker.ts), scripts and tests, not
 * the event loop.
 */
export function importRuntime(): Promise<typeof import("../infer/session.ts")> {
  session ??= import("../infer/session.ts");
  session.catch(() => session = undefined);
  return session;
}

/**
 * onnxruntime-web's wasm read and compiled (in V8's background threads),
 * once per thread: main.ts starts it first thing, so that it compiles while
 * the front loads, and the inference worker is sent the compiled module
 * (lib/runtime/worker_session.ts).
 */
export function compileRuntime(): Promise<WebAssembly.Module> {
  // read into a buffer of V8's own (lib/work_file.ts), copied by the
  // compiler, and let go: the runtime runs from its compiled module
  compiled ??= readWorkFile(ORT_WASM_URL).then((bytes) => {
    const module = WebAssembly.compile(bytes);
    bytes.buffer.transfer(0);
    return module;
  });
  compiled.catch(() => compiled = undefined);
  return compiled;
}

/**
 * Reads a served model's ONNX file and opens an onnxruntime-web session on
 * it, with `wasm` (onnxruntime-web's module, compiled already) or the one
 * {@linkcode compileRuntime} compiles here.
 *
 * @throws {ClientError} 404 when no model has that name.
 */
export async function openModel(
  name: string,
  wasm?: WebAssembly.Module,
): Promise<Session> {
  const spec = modelSpec(name);
  const runtime = importRuntime();
  const module = wasm ?? compileRuntime();
  // read into a buffer of V8's own (lib/work_file.ts): freed after the
  // start, it leaves glibc's mmap threshold where it was
  const model = await readWorkFile(spec.file);
  const { createSession } = await runtime;
  return await fromCompiled(await module, () =>
    createSession({
      name: spec.name,
      model,
      // no bytes: instantiated from the compiled module (fromCompiled)
      wasm: new Uint8Array(0),
      imageShape: spec.imageShape,
    }));
}

/**
 * Runs `start` (the first session, which instantiates onnxruntime-web's
 * wasm) with WebAssembly.instantiate answering from the module compiled
 * ahead of time: its Emscripten loader takes bytes only, and would compile
 * them again. Restored as soon as that call is answered, and after `start`.
 */
async function fromCompiled<T>(
  module: WebAssembly.Module,
  start: () => Promise<T>,
): Promise<T> {
  const instantiate = WebAssembly.instantiate;
  const fromModule = async (_: unknown, imports?: WebAssembly.Imports) => {
    WebAssembly.instantiate = instantiate;
    return { module, instance: await instantiate(module, imports) };
  };
  WebAssembly.instantiate = fromModule as typeof WebAssembly.instantiate;
  try {
    return await start();
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}
