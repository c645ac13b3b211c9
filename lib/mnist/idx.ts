/**
 * Reader and writer of the IDX format in which Yann LeCun published MNIST: a big-endian
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
 * import { assertEquals } from "@std/assert";
 * import { parseIdx } from "./idx.ts";
 * const file = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);
 * assertEquals(parseIdx(file, "labels").shape, [2]);
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

/**
 * Writes unsigned bytes as an IDX file (type code 0x08), the format
 * {@linkcode parseIdx} reads and MNIST ships: a big-endian header of the
 * magic number and each dimension's size, then the bytes, row-major.
 *
 * @param array The dimensions (1 to 255 of them, each below 2³²) and the bytes.
 * @throws {RangeError} When the shape is empty, a size is not a whole number
 *   in [0, 2³²), or the data length is not the shape multiplied out.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { encodeIdx, parseIdx } from "./idx.ts";
 * const file = encodeIdx({ shape: [2], data: new Uint8Array([7, 3]) });
 * assertEquals([...parseIdx(file, "labels").data], [7, 3]);
 * ```
 */
export function encodeIdx(array: Tensor<Uint8Array>): Uint8Array {
  const { shape, data } = array;
  if (shape.length < 1 || shape.length > 255) {
    throw new RangeError(
      `Cannot write IDX file: 1 to 255 dimensions expected, got ${shape.length}`,
    );
  }
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 0 || size >= 2 ** 32) {
      throw new RangeError(
        `Cannot write IDX file: dimension sizes are whole numbers below 2^32, got ${size}`,
      );
    }
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count) {
    throw new RangeError(
      `Cannot write IDX file: ${count} bytes expected for shape [${
        shape.join(", ")
      }], got ${data.length}`,
    );
  }
  const headerLength = 4 + 4 * shape.length;
  const bytes = new Uint8Array(headerLength + count);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, 0x08, shape.length]);
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size));
  bytes.set(data, headerLength);
  return bytes;
}
