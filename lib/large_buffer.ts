/**
 * Buffers for large transient work (request bodies and batches' pixels of a
 * megabyte and more) that go back to the operating system when freed.
 *
 * A plain ArrayBuffer's memory comes from the C allocator. glibc's malloc
 * serves a block below its mmap threshold from its heap, and raises that
 * threshold (up to 32 MiB) each time a mapped block is freed: after the
 * first large body, every large buffer came from the heap, and the heap,
 * fragmented by them, kept its high-water mark (162 MB of the soak's 524
 * MB). A resizable ArrayBuffer's pages are V8's own: reserved up to its
 * maximum length, committed up to its length, and unmapped when it is
 * freed (50 buffers of 2 MiB among small ones, freed: 147 MB resident
 * left as plain buffers, 48 MB as resizable ones). V8 counts it at its
 * length, so it costs the garbage collector no more than its bytes. (A
 * plain buffer over 32 MiB, most of it never written, is also a mapping of
 * its own, but V8 counts the whole 32 MiB: the event loop ran a full
 * collection for every two of them.)
 *
 * @module
 */

/** From this size up, a buffer is a mapping of its own. */
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
 * mapping from a megabyte up (a batch of 334 images or more).
 */
export function workFloats(length: number): Float32Array<ArrayBuffer> {
  return new Float32Array(workBuffer(length * 4), 0, length);
}

/**
 * A copy of `data` over a {@linkcode workBuffer}, to be moved to a worker
 * (posting the view itself would clone its whole buffer).
 */
export function workCopy<T extends Uint8Array | Float32Array>(data: T): T {
  const Kind = data.constructor as new (
    buffer: ArrayBuffer,
    offset: number,
    length: number,
  ) => T;
  const copy = new Kind(
    workBuffer(data.byteLength),
    0,
    data.length,
  );
  copy.set(data as never);
  return copy;
}
