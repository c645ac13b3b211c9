/**
 * The one way a network runs, on the server and in the page alike: an
 * onnxruntime-web InferenceSession on the WASM backend (SIMD, one thread —
 * the Deno Deploy case), with runs serialised and the outputs turned into
 * digits. It reads no file: the caller hands it the model's bytes and the
 * runtime's wasm (bytes, or a URL the browser fetches).
 *
 * @module
 */

import * as ort from "onnxruntime-web";
import { ClientError } from "../errors.ts";
import type { Pixels } from "../input/pixels.ts";
import { CLASSES, IMAGE_SIZE, type Tensor } from "../tensor.ts";

/** The result of a prediction for N images. */
export interface Prediction {
  /** N×10 probabilities; each row sums to 1. */
  probabilities: Tensor;
  /** The N predicted digits (argmax of each row). */
  digits: Uint8Array;
  /** Extra outputs asked for by name (e.g. the MLP's a1, z1, …), each N×width. */
  outputs: Record<string, Tensor>;
  /** How long the network computed, in milliseconds (the session run alone, no waiting). */
  runMs?: number;
  /** How long making the input tensor took, in milliseconds. */
  inputMs?: number;
  /** How long taking the outputs took (copies, argmax), in milliseconds. */
  outputMs?: number;
  /** Images in the run that computed it, when the run was shared with other requests. */
  batchImages?: number;
}

/** Options of {@linkcode createSession}. */
export interface SessionOptions {
  /** The model's name, as the API serves it (e.g. `"mlp"`). */
  name: string;
  /** The ONNX model's bytes. */
  model: Uint8Array;
  /**
   * onnxruntime-web's `ort-wasm-simd-threaded.wasm`: its bytes, a function
   * that reads them (called for the first session only: the server's way) or
   * its URL (the page lets the browser fetch and stream-compile it).
   */
  wasm: Uint8Array | string | (() => Promise<Uint8Array>);
  /** Shape of one image as the model takes it: `[784]` (default) or `[1, 28, 28]`. */
  imageShape?: number[];
}

/** A loaded model that predicts digits. Safe to call concurrently. */
export interface Session {
  name: string;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /**
   * Runs N checked images through the network, one run at a time.
   *
   * @param pixels N×784 pixels in [0, 1], checked by `lib/input/pixels.ts`.
   * @param extra Names of further outputs to fetch (e.g. `["a1", "z1"]`).
   * @throws {ClientError} 400 when an extra output is not one of the model's.
   */
  predict(pixels: Pixels, extra?: readonly string[]): Promise<Prediction>;
  release(): Promise<void>;
}

let runtime: Promise<void> | undefined;

/**
 * Sets onnxruntime-web up once per process (or page): WASM backend, SIMD, one
 * thread, no proxy worker; later calls share the first set-up.
 */
function initRuntime(wasm: SessionOptions["wasm"]): Promise<void> {
  runtime ??= (async () => {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.simd = true;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = "error";
    if (typeof wasm === "string") {
      ort.env.wasm.wasmPaths = { wasm };
    } else if (typeof wasm === "function") {
      ort.env.wasm.wasmBinary = readWasm = await wasm();
    } else {
      ort.env.wasm.wasmBinary = wasm;
    }
  })();
  return runtime;
}

/** The runtime's bytes when this module read them (a function was given). */
let readWasm: Uint8Array | undefined;

/**
 * Lets go of the runtime's bytes once it runs: onnxruntime-web's Emscripten
 * module keeps a reference to them for good, so bytes this module read are
 * detached as well (the compiled runtime does not need them).
 */
function releaseWasm(): void {
  ort.env.wasm.wasmBinary = undefined;
  const buffer = readWasm?.buffer;
  readWasm = undefined;
  if (buffer instanceof ArrayBuffer && !buffer.detached) buffer.transfer(0);
}

/** The index of the largest value of each row of an N×K tensor. */
export function argmax(tensor: Tensor): Uint8Array {
  const [n, k] = tensor.shape;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) {
      if (tensor.data[i * k + j] > tensor.data[i * k + best]) best = j;
    }
    out[i] = best;
  }
  return out;
}

/**
 * Loads an ONNX model into onnxruntime-web (WASM, SIMD, one thread).
 * Concurrent `predict` calls queue up and run one at a time (onnxruntime-web
 * does not promise that concurrent runs of a session are safe).
 *
 * @throws {Error} When onnxruntime-web cannot load the runtime or the model.
 */
export async function createSession(options: SessionOptions): Promise<Session> {
  await initRuntime(options.wasm);
  const session = await ort.InferenceSession.create(options.model, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
    // no arena: the server's memory must stay bounded under any mix of batches
    enableCpuMemArena: false,
  });
  // the runtime is compiled and started once: its bytes (megabytes) are not
  // needed again, and the server's inference worker held them for good
  releaseWasm();
  const imageShape = options.imageShape ?? [IMAGE_SIZE];
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  let queue: Promise<unknown> = Promise.resolve();

  async function run(x: Pixels, extra: readonly string[]): Promise<Prediction> {
    const begun = performance.now();
    const n = x.shape[0];
    const feeds = {
      [input]: new ort.Tensor("float32", x.data, [n, ...imageShape]),
    };
    const started = performance.now();
    const results = await session.run(feeds, [output, ...extra]);
    const ended = performance.now();
    const toTensor = (value: ort.Tensor): Tensor => ({
      data: value.data as Float32Array,
      shape: [...value.dims],
    });
    const probabilities = toTensor(results[output]);
    const outputs: Record<string, Tensor> = {};
    for (const name of extra) outputs[name] = toTensor(results[name]);
    for (const value of Object.values(results)) value.dispose();
    const digits = argmax(probabilities);
    return {
      probabilities,
      digits,
      outputs,
      inputMs: started - begun,
      runMs: ended - started,
      outputMs: performance.now() - ended,
    };
  }

  return {
    name: options.name,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async predict(pixels, extra = []) {
      const unknown = extra.find((name) => !session.outputNames.includes(name));
      if (unknown !== undefined) {
        throw new ClientError(
          400,
          `Unknown output ${
            JSON.stringify(unknown).slice(0, 40)
          }: model ${options.name} has ${session.outputNames.join(", ")}`,
        );
      }
      // chain onto the previous run so that only one session.run is in flight
      const result = queue.then(() => run(pixels, extra));
      queue = result.catch(() => {});
      return await result;
    },
    release: () => session.release(),
  };
}

/** The probabilities of row `i` of a prediction (a view). */
export function probabilitiesOf(
  prediction: Prediction,
  i: number,
): Float32Array {
  return prediction.probabilities.data.subarray(i * CLASSES, (i + 1) * CLASSES);
}
