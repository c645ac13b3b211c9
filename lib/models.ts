/**
 * The catalogue of served models, shared by the server, the scripts and the
 * page: each one's name, title, input shape, hidden outputs and files. The
 * MLP is the book's chapter 3 and the default.
 *
 * @module
 */

import { ClientError } from "./errors.ts";

/** A named tensor and its shape; -1 stands for the dynamic batch axis. */
export interface TensorInfo {
  name: string;
  shape: number[];
}

/** A model's structure as its ONNX file describes it (precomputed at build). */
export interface ModelInfo {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** The operators in graph order, e.g. ["Gemm", "Sigmoid", …]. */
  operators: string[];
  /** Every weight (initializer) with its shape, e.g. W1 [784, 50]. */
  weights: TensorInfo[];
  /** The number of weights and biases. */
  parameters: number;
  opset: number;
}

/** How one model is stored and fed. */
export interface ModelSpec {
  /** The name the API serves it under. */
  name: ModelName;
  /** A human title, e.g. "Chapter 3 MLP (784-50-100-10)". */
  title: string;
  /** The converted ONNX file. */
  file: URL;
  /** The evaluation report that `scripts/evaluate.ts` writes. */
  report: URL;
  /** The structure read from the ONNX file by `deno task build`. */
  info: URL;
  /** Shape of one image as the network takes it. */
  imageShape: number[];
  /** The hidden layers it can return besides the probabilities (the MLP's a1, z1, a2, z2, a3). */
  activations: readonly string[];
}

/** The names of the served models, in the order the page offers them. */
export const MODEL_NAMES = ["mlp", "deep-cnn"] as const;

/** A served model's name. */
export type ModelName = typeof MODEL_NAMES[number];

/** The model served when a request names none. */
export const DEFAULT_MODEL: ModelName = "mlp";

/** The MLP's layers in the book's names: a = x·W + b, z = sigmoid(a). */
export const MLP_ACTIVATIONS = ["a1", "z1", "a2", "z2", "a3"] as const;

const MODEL_DIR = new URL("../model/", import.meta.url);

/** The served models, by name. */
export const MODELS: Record<ModelName, ModelSpec> = {
  mlp: {
    name: "mlp",
    title: "Chapter 3 MLP: 784-50-100-10, sigmoid, sigmoid, softmax",
    file: new URL("mlp.onnx", MODEL_DIR),
    report: new URL("report.json", MODEL_DIR),
    info: new URL("mlp.info.json", MODEL_DIR),
    imageShape: [784],
    activations: MLP_ACTIVATIONS,
  },
  "deep-cnn": {
    name: "deep-cnn",
    title:
      "Chapter 8 DeepConvNet: 6 convolutions (3×3), 3 max pools, 2 affine layers",
    file: new URL("deep-cnn.onnx", MODEL_DIR),
    report: new URL("deep-cnn.report.json", MODEL_DIR),
    info: new URL("deep-cnn.info.json", MODEL_DIR),
    imageShape: [1, 28, 28],
    activations: [],
  },
};

/** Whether `name` is a served model's name. */
export function isModelName(name: unknown): name is ModelName {
  return typeof name === "string" &&
    (MODEL_NAMES as readonly string[]).includes(name);
}

/**
 * Returns the spec of a served model.
 *
 * @throws {ClientError} 404 when no model has that name.
 */
export function modelSpec(name: string): ModelSpec {
  if (!isModelName(name)) {
    throw new ClientError(
      404,
      `Unknown model ${JSON.stringify(name).slice(0, 60)}: served models are ${
        MODEL_NAMES.join(", ")
      }`,
    );
  }
  return MODELS[name];
}
