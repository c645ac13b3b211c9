/**
 * Joins the predictions of consecutive runs (pieces of one request) into one,
 * row after row, outputs and the time of their runs included.
 *
 * @module
 */

import type { Prediction } from "../infer/mod.ts";
import type { Tensor } from "../tensor.ts";

function joinTensors(parts: readonly Tensor[]): Tensor {
  const rows = parts.reduce((sum, part) => sum + part.shape[0], 0);
  const width = parts[0].shape.slice(1).reduce((a, b) => a * b, 1);
  const data = new Float32Array(rows * width);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return { data, shape: [rows, ...parts[0].shape.slice(1)] };
}

/**
 * Predictions of runs over consecutive rows, as one prediction.
 *
 * @param pieces At least one prediction, all with the same outputs.
 */
export function joinPredictions(pieces: readonly Prediction[]): Prediction {
  if (pieces.length === 1) return pieces[0];
  const digits = new Uint8Array(
    pieces.reduce((sum, piece) => sum + piece.digits.length, 0),
  );
  let offset = 0;
  for (const piece of pieces) {
    digits.set(piece.digits, offset);
    offset += piece.digits.length;
  }
  const outputs: Record<string, Tensor> = {};
  for (const name of Object.keys(pieces[0].outputs)) {
    outputs[name] = joinTensors(pieces.map((piece) => piece.outputs[name]));
  }
  return {
    probabilities: joinTensors(pieces.map((piece) => piece.probabilities)),
    digits,
    outputs,
    // the time of every run the pieces took
    inputMs: sum(pieces, "inputMs"),
    runMs: sum(pieces, "runMs"),
    outputMs: sum(pieces, "outputMs"),
  };
}

function sum(
  pieces: readonly Prediction[],
  key: "inputMs" | "runMs" | "outputMs",
): number {
  return pieces.reduce((total, piece) => total + (piece[key] ?? 0), 0);
}
