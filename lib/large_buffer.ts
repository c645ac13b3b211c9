/**
 * Buffers for large transient work (request bodies, and what goes to and
 * comes from the workers) that go back to the operating system when freed.
 *
 * A plain ArrayBuffer's memory comes from the C allocator. glibc's malloc
 * maps a large block on its own, but raises that threshold, for the whole
 * process, to the size of each mapped block freed, and its heaps' trim
 * threshold to twice that: after the first large body, every large buffer
 * came from the heap, and the heap, fragmented by them, kept its high-water
 * mark. A resizable ArrayBuffer's pages are V8's own: reserved up to its
 * maximum length, committed up to its length, and unmapped when it is
 * freed, without glibc's knowing; V8 counts it at its length, so it costs
 * the garbage collector no more than its bytes. (docs/BENCHMARKS.md, round 7,
 * has the figures.)
 *
 * One cost: V8 reads and writes a typed array over a resizable buffer
 * element by element several times slower, while copying one (`set`,
 * `slice`, a transfer, a native decoder) costs the same; so these buffers
 * are for bytes that are copied or moved whole.
 *
 * @module
 */

/**
 * From this size up (1 MiB), a buffer is a mapping of its own, V8's. Each
 * new mapping costs its page faults and an unmap; below a megabyte the C
 * heap's reuse is cheaper (both were soaked: docs/BENCHMARKS.md, round 7).
 */
export const LARGE_BUFFER = 1024 * 1024;

/**
 * An ArrayBuffer of `bytes` bytes that may grow (by `resize`) to `maxBytes`:
 * from {@linkcode LARGE_BUFFER} up, a resizable one, a mapping of its own;
 * below, a plain one (and `maxBytes` is not kept).
 *
 * @example
 * ```ts
 * import { assert, assertFalse } from "@std/assert";
 * import { LARGE_BUFFER, workBuffer } from "./large_buffer.ts";
 *
 * assertFalse(workBuffer(1000).resizable);
 * assert(workBuffer(LARGE_BUFFER).resizable);
 * ```
 */
export function workBuffer(bytes: number, maxBytes = bytes): ArrayBuffer {
  if (Math.max(bytes, maxBytes) < LARGE_BUFFER) return new ArrayBuffer(bytes);
  return new ArrayBuffer(bytes, { maxByteLength: Math.max(bytes, maxBytes) });
}

/**
 * A Float32Array of `length` values over a {@linkcode workBuffer}: its own
 * mapping from a megabyte up (a batch of 335 images or more).
 */
export function workFloats(length: number): Float32Array<ArrayBuffer> {
  return new Float32Array(workBuffer(length * 4), 0, length);
}

/**
 * A copy of `bytes` over a {@linkcode workBuffer}, to be moved to a worker
 * (posting the view itself would clone its whole buffer).
 */
export function workCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(workBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/**
 * `bytes` over a buffer that holds them alone, to be moved to a worker: their
 * own buffer when they start it — a resizable one cut to their length, or a
 * plain one of their length exactly under {@linkcode LARGE_BUFFER} — and a
 * {@linkcode workCopy} otherwise (so that a large buffer the worker frees is
 * always a work buffer, never a block of the C heap).
 * Moving a request's body rather than copying it spares the event loop a
 * copy, and the garbage collector a buffer of the body's size: the main
 * thread's full collections start when its ArrayBuffers pass a limit of a few
 * tens of MB, so every megabyte allocated there brings the next one nearer.
 * Once the buffer is moved, `bytes` (and every view of that buffer) is empty.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { workBuffer } from "./large_buffer.ts";
 * const body = new Uint8Array(workBuffer(2 ** 20, 2 ** 22), 0, 1000);
 * const given = ownBytes(body);
 * assert(given.buffer === body.buffer);
 * assertEquals(given.buffer.byteLength, 1000);
 * ```
 */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0) {
    if (buffer.resizable && bytes.length <= buffer.byteLength) {
      buffer.resize(bytes.length);
      return new Uint8Array(buffer);
    }
    if (buffer.byteLength === bytes.length && bytes.length < LARGE_BUFFER) {
      return new Uint8Array(buffer);
    }
  }
  return workCopy(bytes);
}
