/**
 * Reader for the IDX format in which Yann LeCun published MNIST: a big-endian
 * header (magic, dimension sizes) followed by raw unsigned bytes, read as a
 * `Tensor<Uint8Array>` (shape outermost first, e.g. `[10000, 28, 28]`).
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";

/**
 * Parses an IDX file of unsigned bytes (type code 0x08), as MNIST ships them.
 *
 * @param bytes The whole file.
 * @param name The file's name, quoted in error messages.
 * @throws {SyntaxError} When the magic number, the type or the length is wrong.
 *
 * @example
 * ```ts
 * import { parseIdx } from "./idx.ts";
 * const file = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
 * parseIdx(file, "labels").shape; // [2]
 * ```
 */
export function parseIdx(
  bytes: Uint8Array,
  name: string,
): Tensor<Uint8Array> {
  if (bytes.length < 4) {
    throw new SyntaxError(
      `Cannot read IDX file ${name}: ${bytes.length} bytes is shorter than the 4-byte magic number`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const type = bytes[2];
  const rank = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type !== 0x08 || rank < 1) {
    throw new SyntaxError(
      `Cannot read IDX file ${name}: magic number 0x0000080N (unsigned bytes, N dimensions) expected, got 0x${
        magic.toString(16).padStart(8, "0")
      }`,
    );
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new SyntaxError(
      `Cannot read IDX file ${name}: header of ${headerLength} bytes expected for ${rank} dimensions, file has ${bytes.length} bytes`,
    );
  }
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual !== count) {
    throw new SyntaxError(
      `Cannot read IDX file ${name}: ${count} data bytes expected for shape [${
        shape.join(", ")
      }], got ${actual} (truncated or corrupt)`,
    );
  }
  return { shape, data: bytes.subarray(headerLength) };
}
