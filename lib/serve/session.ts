// The model session: an onnxruntime-web InferenceSession on the WASM backend,
// one thread (the Deno Deploy case), with runs serialised and inputs validated.

import * as ort from "onnxruntime-web";
import type { Tensor } from "../tensor.ts";

/** Pixels of one image: 28×28 row-major. */
export const IMAGE_SIZE = 784;

/** The result of a prediction for N images. */
export interface Prediction {
  /** N×10 probabilities; each row sums to 1. */
  probabilities: Tensor;
  /** The N predicted digits (argmax of each row). */
  digits: Uint8Array;
  /** Extra outputs asked for by name (e.g. the MLP's a1, z1, …), each N×width. */
  outputs: Record<string, Tensor>;
}

/** Options of {@linkcode createSession}. */
export interface SessionOptions {
  /** The model's name, as the API serves it (e.g. `"mlp"`). */
  name: string;
  /** The ONNX model's bytes. */
  model: Uint8Array;
  /** The onnxruntime-web `.wasm` bytes; read from the npm package when omitted. */
  wasm?: Uint8Array;
  /** Shape of one image as the model takes it: `[784]` (default) or `[1, 28, 28]`. */
  imageShape?: number[];
}

/** A loaded model that predicts digits. Safe to call concurrently. */
export interface Session {
  name: string;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /**
   * Runs N images (N×784 pixels in [0, 1]) through the network.
   *
   * @param pixels N×784 (or 784 for one image), float32 in [0, 1].
   * @param extra Names of further outputs to fetch (e.g. `["a1", "z1"]`).
   * @throws {TypeError} When the shape is wrong or N is 0.
   * @throws {RangeError} When a value is not a number in [0, 1].
   */
  predict(pixels: Tensor | Float32Array, extra?: string[]): Promise<Prediction>;
  release(): Promise<void>;
}

/** Where onnxruntime-web's SIMD wasm lies in the npm package. */
export const ORT_WASM_URL = new URL(
  "../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm",
  import.meta.url,
);

let wasmReady: Promise<void> | undefined;

function initOrt(wasm?: Uint8Array): Promise<void> {
  wasmReady ??= (async () => {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.simd = true;
    ort.env.wasm.proxy = false;
    ort.env.logLevel = "error";
    ort.env.wasm.wasmBinary = wasm ?? await Deno.readFile(ORT_WASM_URL);
  })();
  return wasmReady;
}

/**
 * Checks that `pixels` holds whole images of 784 finite values in [0, 1].
 *
 * @returns The pixels as an N×784 tensor.
 * @throws {TypeError} When the shape is not N×784 (or 784) or N is 0.
 * @throws {RangeError} When a value is NaN or outside [0, 1].
 */
export function checkPixels(pixels: Tensor | Float32Array): Tensor {
  const tensor = pixels instanceof Float32Array
    ? { data: pixels, shape: [pixels.length / IMAGE_SIZE, IMAGE_SIZE] }
    : pixels;
  const { data, shape } = tensor;
  const perImage = shape.slice(1).reduce((a, b) => a * b, 1);
  if (
    !(data instanceof Float32Array) || shape.length < 2 ||
    perImage !== IMAGE_SIZE || !Number.isInteger(shape[0]) ||
    data.length !== shape[0] * IMAGE_SIZE
  ) {
    throw new TypeError(
      `Cannot predict: N×784 float32 pixels expected, got shape [${shape}] of ${data.length} values`,
    );
  }
  if (shape[0] === 0) {
    throw new TypeError("Cannot predict: no images (N is 0)");
  }
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(
        `Cannot predict: pixel ${i % IMAGE_SIZE} of image ${
          Math.floor(i / IMAGE_SIZE)
        } is ${value}, values in [0, 1] expected`,
      );
    }
  }
  return { data, shape: [shape[0], IMAGE_SIZE] };
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
 * Concurrent `predict` calls queue up and run one at a time.
 *
 * @throws {Error} When onnxruntime-web cannot load the model.
 */
export async function createSession(options: SessionOptions): Promise<Session> {
  await initOrt(options.wasm);
  const session = await ort.InferenceSession.create(options.model, {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "all",
  });
  const imageShape = options.imageShape ?? [IMAGE_SIZE];
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  let queue: Promise<unknown> = Promise.resolve();

  async function run(x: Tensor, extra: string[]): Promise<Prediction> {
    const n = x.shape[0];
    const feeds = {
      [input]: new ort.Tensor("float32", x.data, [n, ...imageShape]),
    };
    const results = await session.run(feeds, [output, ...extra]);
    const toTensor = (value: ort.Tensor): Tensor => ({
      data: value.data as Float32Array,
      shape: [...value.dims],
    });
    const probabilities = toTensor(results[output]);
    const outputs: Record<string, Tensor> = {};
    for (const name of extra) outputs[name] = toTensor(results[name]);
    for (const value of Object.values(results)) value.dispose();
    return { probabilities, digits: argmax(probabilities), outputs };
  }

  return {
    name: options.name,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async predict(pixels, extra = []) {
      const x = checkPixels(pixels);
      const unknown = extra.find((name) => !session.outputNames.includes(name));
      if (unknown !== undefined) {
        throw new TypeError(
          `Cannot predict: model ${options.name} has no output ${unknown}`,
        );
      }
      // chain onto the previous run so that only one session.run is in flight
      const result = queue.then(() => run(x, extra));
      queue = result.catch(() => {});
      return await result;
    },
    release: () => session.release(),
  };
}
