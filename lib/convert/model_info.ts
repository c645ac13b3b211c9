/**
 * What a converted model holds, read back from its ONNX bytes: inputs,
 * outputs, operators and the shape of every weight. `deno task build` writes
 * it to `model/<name>.info.json`, which the server serves at /api/models.
 *
 * @module
 */

import onnxProto from "onnx-proto";
import type { ModelInfo } from "../models.ts";

const { onnx } = onnxProto;

function dims(value: onnxProto.onnx.IValueInfoProto): number[] {
  return (value.type?.tensorType?.shape?.dim ?? []).map((d) =>
    d.dimParam ? -1 : Number(d.dimValue)
  );
}

/**
 * Decodes an ONNX model's protobuf.
 *
 * @throws {SyntaxError} When the bytes are not an ONNX model.
 */
export function readModel(bytes: Uint8Array): onnxProto.onnx.ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new SyntaxError(
      `Cannot read ONNX model: ${(error as Error).message}`,
    );
  }
}

/**
 * Reads the structure of an ONNX model.
 *
 * @throws {SyntaxError} When the bytes are not an ONNX model.
 */
export function describeModel(bytes: Uint8Array): ModelInfo {
  const model = readModel(bytes);
  const graph = model.graph;
  if (!graph) throw new SyntaxError("Cannot read ONNX model: no graph");
  const weights = (graph.initializer ?? []).map((t) => ({
    name: t.name ?? "",
    shape: (t.dims ?? []).map(Number),
  }));
  // constants such as the CNN's ×0.5 are initializers too, but not parameters
  const parameters = weights
    .filter((w) => w.shape.length > 0)
    .reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
  return {
    inputs: (graph.input ?? []).map((v) => ({
      name: v.name ?? "",
      shape: dims(v),
    })),
    outputs: (graph.output ?? []).map((v) => ({
      name: v.name ?? "",
      shape: dims(v),
    })),
    operators: (graph.node ?? []).map((n) => n.opType ?? ""),
    weights,
    parameters,
    opset: Number(model.opsetImport?.[0]?.version ?? 0),
  };
}
