// The catalogue of served models: where each ONNX file and report lies and
// how each takes its input. The MLP is the book's chapter 3 and the default.

import type { Report } from "../evaluate/report.ts";
import { createSession, type Session } from "./session.ts";

/** How one model is stored and fed. */
export interface ModelSpec {
  /** The name the API serves it under. */
  name: string;
  /** A human title, e.g. "Chapter 3 MLP (784-50-100-10)". */
  title: string;
  /** The converted ONNX file. */
  file: URL;
  /** The evaluation report that `scripts/evaluate.ts` writes. */
  report: URL;
  /** Shape of one image as the network takes it. */
  imageShape: number[];
}

const MODEL_DIR = new URL("../../model/", import.meta.url);

/** The served models, by name; `mlp` is the default. */
export const MODELS: Record<string, ModelSpec> = {
  mlp: {
    name: "mlp",
    title: "Chapter 3 MLP: 784-50-100-10, sigmoid, sigmoid, softmax",
    file: new URL("mlp.onnx", MODEL_DIR),
    report: new URL("report.json", MODEL_DIR),
    imageShape: [784],
  },
  "deep-cnn": {
    name: "deep-cnn",
    title:
      "Chapter 8 DeepConvNet: 6 convolutions (3×3), 3 max pools, 2 affine layers",
    file: new URL("deep-cnn.onnx", MODEL_DIR),
    report: new URL("deep-cnn.report.json", MODEL_DIR),
    imageShape: [1, 28, 28],
  },
};

/** The model served when a request names none. */
export const DEFAULT_MODEL = "mlp";

/**
 * Returns the spec of a served model.
 *
 * @throws {RangeError} When no model has that name.
 */
export function modelSpec(name: string): ModelSpec {
  const spec = Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
  if (!spec) {
    throw new RangeError(
      `Cannot find model ${JSON.stringify(name)}: served models are ${
        Object.keys(MODELS).join(", ")
      }`,
    );
  }
  return spec;
}

/**
 * Reads a served model's ONNX file and opens an onnxruntime-web session on it.
 *
 * @throws {RangeError} When no model has that name.
 */
export async function openModel(name: string): Promise<Session> {
  const spec = modelSpec(name);
  return await createSession({
    name: spec.name,
    model: await Deno.readFile(spec.file),
    imageShape: spec.imageShape,
  });
}

const reports = new Map<string, Promise<Report>>();

/**
 * Reads a served model's evaluation report once; later calls share it.
 *
 * @throws {RangeError} When no model has that name.
 */
export function readReport(name: string): Promise<Report> {
  const spec = modelSpec(name);
  let report = reports.get(name);
  if (!report) {
    report = Deno.readTextFile(spec.report).then((text) => JSON.parse(text));
    reports.set(name, report);
  }
  return report;
}
