/**
 * The binary tensor data extension of the V2 inference protocol (Triton's):
 * a JSON header of Inference-Header-Content-Length bytes, then each binary
 * tensor's raw little-endian bytes, in the order the JSON lists the tensors.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { checkJsonContainers } from "../input/mod.ts";
import { MAX_JSON_CONTAINERS } from "../limits.ts";

/** The HTTP header that gives the length of the JSON part of the body. */
export const HEADER_LENGTH_HEADER = "Inference-Header-Content-Length";

/** A request body split into its JSON header and each input's binary data. */
export interface BinaryRequest {
  /** The parsed JSON inference request. */
  header: unknown;
  /** Per input, in order: its bytes when it declares `binary_data_size`. */
  inputs: (Uint8Array | undefined)[];
}

function binaryDataSize(input: unknown, index: number): number | undefined {
  const parameters = (input as { parameters?: unknown } | null)?.parameters;
  if (parameters === undefined) return undefined;
  if (parameters === null || typeof parameters !== "object") {
    throw new ClientError(
      400,
      `Cannot read input ${index}: "parameters" must be an object`,
    );
  }
  const size = (parameters as { binary_data_size?: unknown }).binary_data_size;
  if (size === undefined) return undefined;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 0) {
    throw new ClientError(
      400,
      `Cannot read input ${index}: binary_data_size must be a whole number of bytes, got ${
        JSON.stringify(size)
      }`,
    );
  }
  return size;
}

/**
 * Splits a V2 infer body into its JSON header and the binary data of each
 * input that declares `parameters.binary_data_size`.
 *
 * @param body The whole HTTP body.
 * @param headerLength The Inference-Header-Content-Length value; when
 * undefined the whole body is JSON.
 * @throws {ClientError} 400 When the header length is not within the body, or the
 * binary sizes do not add up to the bytes after the JSON.
 * @throws {ClientError} 400 When the JSON part does not parse.
 */
export function splitBinaryRequest(
  body: Uint8Array,
  headerLength?: number,
): BinaryRequest {
  const length = headerLength ?? body.length;
  if (!Number.isInteger(length) || length < 0 || length > body.length) {
    throw new ClientError(
      400,
      `Cannot read the request: ${HEADER_LENGTH_HEADER} ${length} is not a length within the body of ${body.length} bytes`,
    );
  }
  const json = body.subarray(0, length);
  checkJsonContainers(json, MAX_JSON_CONTAINERS, "infer request's JSON");
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new ClientError(
      400,
      headerLength === undefined
        ? `Invalid JSON in the request body: check its syntax, or send ${HEADER_LENGTH_HEADER} with binary tensor data`
        : `Invalid JSON in the first ${length} bytes of the body (${HEADER_LENGTH_HEADER}): check the header length`,
    );
  }
  const list = (header as { inputs?: unknown } | null)?.inputs;
  const inputs: (Uint8Array | undefined)[] = [];
  let offset = length;
  if (Array.isArray(list)) {
    for (const [index, input] of list.entries()) {
      const size = binaryDataSize(input, index);
      if (size === undefined) {
        inputs.push(undefined);
        continue;
      }
      if (offset + size > body.length) {
        throw new ClientError(
          400,
          `Cannot read input ${index}: binary_data_size ${size} runs past the end of the body (${
            body.length - offset
          } bytes left after byte ${offset}); send ${HEADER_LENGTH_HEADER} and the tensor bytes after the JSON`,
        );
      }
      inputs.push(body.subarray(offset, offset + size));
      offset += size;
    }
  }
  if (offset !== body.length) {
    throw new ClientError(
      400,
      `Cannot read the request: ${
        body.length - offset
      } bytes after the JSON header are not claimed by any input's binary_data_size`,
    );
  }
  return { header, inputs };
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reads little-endian FP32 bytes as float32 values (a copy).
 *
 * @throws {ClientError} 400 When the byte count is not a multiple of 4.
 */
export function fp32FromBytes(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) {
    throw new ClientError(
      400,
      `Cannot read FP32 data: ${bytes.length} bytes is not a multiple of 4`,
    );
  }
  const values = new Float32Array(bytes.length / 4);
  if (littleEndian) {
    new Uint8Array(values.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let i = 0; i < values.length; i++) {
      values[i] = view.getFloat32(i * 4, true);
    }
  }
  return values;
}

/** Writes float32 values as little-endian FP32 bytes. */
export function fp32ToBytes(values: Float32Array): Uint8Array {
  if (littleEndian) {
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  }
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

/**
 * Whether an output goes back as binary data: its own
 * `parameters.binary_data` if given, else the request's
 * `parameters.binary_data_output`, else false.
 */
export function wantsBinary(request: unknown, output?: unknown): boolean {
  const own = (output as { parameters?: { binary_data?: unknown } } | null)
    ?.parameters?.binary_data;
  if (typeof own === "boolean") return own;
  const all = (request as {
    parameters?: { binary_data_output?: unknown };
  } | null)?.parameters?.binary_data_output;
  return all === true;
}

/**
 * Builds a response body: the JSON header, then the binary tensors one after
 * another (in the order of the header's outputs that carry
 * `binary_data_size`).
 *
 * @returns The body and the length of its JSON part, for the
 * Inference-Header-Content-Length header.
 */
export function encodeBinaryResponse(
  header: unknown,
  tensors: Uint8Array[],
): { body: Uint8Array<ArrayBuffer>; headerLength: number } {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = tensors.reduce((sum, t) => sum + t.length, json.length);
  const body = new Uint8Array(total);
  body.set(json);
  let offset = json.length;
  for (const tensor of tensors) {
    body.set(tensor, offset);
    offset += tensor.length;
  }
  return { body, headerLength: json.length };
}
