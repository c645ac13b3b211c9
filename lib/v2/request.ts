/**
 * A V2 (KServe / Triton) infer request read and checked: its one input tensor
 * as pixels (JSON `data` or binary FP32), the outputs asked for (all of them
 * when none are named, as the protocol says) and its `id`.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import {
  type Pixels,
  pixelsFromFloats,
  pixelsFromNumbers,
} from "../input/mod.ts";
import { MAX_BATCH } from "../limits.ts";
import { IMAGE_SIZE } from "../tensor.ts";
import { fp32FromBytes, wantsBinary } from "./binary.ts";

/**
 * A short, bounded rendering of a client's value for an error message: a
 * huge or deeply nested value must not cost time to print or be echoed back.
 */
export function preview(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  }
  if (
    typeof value === "number" || typeof value === "boolean" || value === null
  ) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === undefined ? "nothing" : `an ${typeof value}`;
}

/** An output the client asked for, and whether it goes back as binary data. */
export interface RequestedOutput {
  name: string;
  binary: boolean;
}

/** A checked infer request. */
export interface InferRequest {
  pixels: Pixels;
  outputs: RequestedOutput[];
  id?: string;
}

/** What the model offers, to check a request against. */
export interface InferTarget {
  /** The model's one input, e.g. "x". */
  inputName: string;
  /** The model's outputs, probabilities first. */
  outputNames: readonly string[];
}

function bad(message: string): never {
  throw new ClientError(400, message);
}

interface InferInput {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
}

function readInput(
  body: Record<string, unknown>,
  inputName: string,
  binary: Uint8Array | undefined,
): Pixels {
  const { inputs } = body;
  if (!Array.isArray(inputs) || inputs.length !== 1) {
    bad(`"inputs" must hold exactly one tensor, named ${inputName}`);
  }
  const input = inputs[0] as InferInput;
  if (input === null || typeof input !== "object") {
    bad('"inputs"[0] must be an object');
  }
  if (input.name !== inputName) {
    bad(
      `Unknown input ${
        preview(input.name)
      }: this model's input is ${inputName}`,
    );
  }
  if (input.datatype !== "FP32") {
    bad(`Unsupported datatype ${preview(input.datatype)}: send FP32`);
  }
  const shape = input.shape;
  if (
    !Array.isArray(shape) || shape.length !== 2 || shape[1] !== IMAGE_SIZE ||
    !Number.isInteger(shape[0]) || shape[0] < 1 || shape[0] > MAX_BATCH
  ) {
    bad(
      `Shape must be [N, 784] with N from 1 to ${MAX_BATCH}, got ${
        preview(shape)
      }`,
    );
  }
  const n = shape[0] as number;
  if (binary) {
    if (input.data !== undefined) {
      bad('"data" and binary_data_size both given: send the tensor one way');
    }
    if (binary.length !== n * IMAGE_SIZE * 4) {
      bad(
        `binary_data_size must be N×784×4 = ${
          n * IMAGE_SIZE * 4
        } bytes (little-endian FP32), got ${binary.length}`,
      );
    }
    return pixelsFromFloats(fp32FromBytes(binary));
  }
  let data = input.data;
  if (Array.isArray(data) && data.some(Array.isArray)) {
    data = (data as unknown[]).flat(2);
  }
  if (!Array.isArray(data) || data.length !== n * IMAGE_SIZE) {
    bad(
      `"data" must hold N×784 = ${n * IMAGE_SIZE} numbers (row-major), got ${
        Array.isArray(data) ? data.length : typeof data
      }`,
    );
  }
  return pixelsFromNumbers(data);
}

function requestedOutputs(
  body: Record<string, unknown>,
  available: readonly string[],
): RequestedOutput[] {
  const { outputs } = body;
  if (outputs === undefined) {
    // the protocol: "if not specified all outputs produced by the model will be returned"
    return available.map((name) => ({ name, binary: wantsBinary(body) }));
  }
  if (!Array.isArray(outputs) || outputs.length === 0) {
    bad('"outputs" must be a non-empty list of {"name": ...}');
  }
  return outputs.map((output) => {
    const name = (output as { name?: unknown })?.name;
    if (typeof name !== "string" || !available.includes(name)) {
      bad(
        `Unknown output ${preview(name)}: outputs are ${available.join(", ")}`,
      );
    }
    return { name, binary: wantsBinary(body, output) };
  });
}

/**
 * Reads a V2 infer request's JSON header (and the binary input, if any).
 *
 * @throws {ClientError} 400 for a malformed request; 422 for pixel values out of [0, 1].
 */
export function readInferRequest(
  header: unknown,
  binaryInput: Uint8Array | undefined,
  target: InferTarget,
): InferRequest {
  if (header === null || typeof header !== "object" || Array.isArray(header)) {
    bad(
      'The body must be a JSON object with "inputs": [{"name", "shape", "datatype", "data"}]',
    );
  }
  const body = header as Record<string, unknown>;
  const id = body.id;
  if (id !== undefined && (typeof id !== "string" || id.length > 256)) {
    bad(`"id" must be a string of at most 256 characters, got ${preview(id)}`);
  }
  const outputs = requestedOutputs(body, target.outputNames);
  const pixels = readInput(body, target.inputName, binaryInput);
  return { pixels, outputs, ...(id === undefined ? {} : { id: id as string }) };
}
