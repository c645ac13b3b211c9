/**
 * Reads a Python pickle of a dict of numpy arrays (the book's weight files)
 * with the pickleparser library; numpy's own classes are resolved here.
 *
 * @module
 */

import { Parser } from "pickleparser";
import type { Tensor } from "../tensor.ts";

/** A numpy array as read from a pickle: float32 or float64, C order. */
export interface NdArray extends Tensor<Float32Array | Float64Array> {
  dtype: "float32" | "float64";
}

const DTYPES = { f4: "float32", f8: "float64" } as const;

class NumpyDtype {
  kind = "";
  littleEndian = true;
  constructor(kind: unknown) {
    this.kind = String(kind);
  }
  __setstate__(state: unknown[]) {
    // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
    if (Array.isArray(state) && state[1] === ">") this.littleEndian = false;
  }
}

class NumpyArray {
  array?: NdArray;
  __setstate__(state: unknown[]) {
    // (version, shape, dtype, is_fortran, raw bytes)
    const [, shape, dtype, isFortran, raw] = state as [
      number,
      number[],
      NumpyDtype,
      boolean,
      Uint8Array | string,
    ];
    const name = DTYPES[dtype?.kind as keyof typeof DTYPES];
    if (!name) {
      throw new TypeError(
        `Cannot read numpy array: dtype ${dtype?.kind} is not supported (float32 or float64 expected)`,
      );
    }
    if (!dtype.littleEndian) {
      throw new TypeError(
        "Cannot read numpy array: big-endian data is not supported",
      );
    }
    if (!(raw instanceof Uint8Array)) {
      throw new TypeError("Cannot read numpy array: raw bytes expected");
    }
    const size = name === "float32" ? 4 : 8;
    const count = shape.reduce((a, b) => a * b, 1);
    if (raw.byteLength !== count * size) {
      throw new SyntaxError(
        `Cannot read numpy array: ${count * size} bytes expected for shape [${
          shape.join(", ")
        }] ${name}, got ${raw.byteLength}`,
      );
    }
    const copy = raw.slice().buffer;
    const stored = name === "float32"
      ? new Float32Array(copy)
      : new Float64Array(copy);
    const data = isFortran ? fortranToC(stored, shape) : stored;
    this.array = { shape: [...shape], dtype: name, data };
  }
}

/** Reorders column-major (Fortran) values into row-major (C) order. */
function fortranToC<T extends Float32Array | Float64Array>(
  values: T,
  shape: number[],
): T {
  const out = new (values.constructor as { new (n: number): T })(values.length);
  const rank = shape.length;
  const index = new Array(rank).fill(0);
  for (let c = 0; c < values.length; c++) {
    // index walks the C order; its Fortran offset has the first axis fastest
    let f = 0;
    for (let axis = rank - 1; axis >= 0; axis--) {
      f = f * shape[axis] + index[axis];
    }
    out[c] = values[f];
    for (let axis = rank - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}

function resolve(module: string, name: string): (...args: never[]) => unknown {
  const key = `${module}.${name}`;
  if (
    key === "numpy.core.multiarray._reconstruct" ||
    key === "numpy._core.multiarray._reconstruct"
  ) {
    return function reconstruct() {
      return new NumpyArray();
    };
  }
  if (key === "numpy.ndarray") return () => new NumpyArray();
  if (key === "numpy.dtype") return (kind: unknown) => new NumpyDtype(kind);
  throw new TypeError(
    `Cannot read pickle: class ${key} is not allowed (only numpy arrays in a dict)`,
  );
}

/**
 * Reads a pickle of a `dict` of numpy arrays, e.g. the book's
 * `sample_weight.pkl` (`W1` 784×50, `b1` 50, …).
 *
 * Only numpy's array and dtype classes are resolved, so a pickle cannot run code.
 *
 * @throws {SyntaxError} When the bytes are not a readable pickle.
 * @throws {TypeError} When it holds something other than a dict of float arrays.
 */
export function readNumpyPickle(bytes: Uint8Array): Record<string, NdArray> {
  let root: unknown;
  try {
    root = new Parser({
      nameResolver: { resolve },
      unpicklingTypeOfDictionary: "object",
    }).parse(bytes);
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new SyntaxError(
      `Cannot read pickle: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    throw new TypeError("Cannot read pickle: a dict of numpy arrays expected");
  }
  const out: Record<string, NdArray> = {};
  for (const [name, value] of Object.entries(root)) {
    if (!(value instanceof NumpyArray) || !value.array) {
      throw new TypeError(
        `Cannot read pickle: entry ${name} is not a numpy array`,
      );
    }
    out[name] = value.array;
  }
  return out;
}
