/**
 * Buffers for large transient work (request bodies and batches' pixels of a
 * megabyte and more) that go back to the operating system when freed.
 *
 * An ArrayBuffer's memory comes from the C allocator. glibc's malloc serves
 * a block below its mmap threshold from its heap, and raises that threshold
 * (up to 32 MiB) each time a mapped block is freed: after the first large
 * body, every large buffer came from the heap, and the heap, fragmented by
 * them, kept its high-water mark (162 MB of the soak's 524 MB). A block
 * over 32 MiB is always a mapping of its own, unmapped when freed, and its
 * pages cost nothing until written: a 33 MiB buffer holding a 4 MB body is
 * 4 MB resident.
 *
 * @module
 */

/** The most glibc's mmap threshold rises to (32 MiB on 64-bit), and a page over. */
export const OWN_MAPPING = 32 * 1024 * 1024 + 64 * 1024;

/** From this size up, a buffer is given a mapping of its own. */
export const LARGE_BUFFER = 1024 * 1024;

/**
 * An ArrayBuffer of `bytes` bytes or more: from {@linkcode LARGE_BUFFER} up,
 * of at least {@linkcode OWN_MAPPING} bytes, most of them never touched.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { LARGE_BUFFER, OWN_MAPPING, workBuffer } from "./large_buffer.ts";
 *
 * assertEquals(workBuffer(1000).byteLength, 1000);
 * assertEquals(workBuffer(LARGE_BUFFER).byteLength, OWN_MAPPING);
 * ```
 */
export function workBuffer(bytes: number): ArrayBuffer {
  return new ArrayBuffer(
    bytes >= LARGE_BUFFER ? Math.max(bytes, OWN_MAPPING) : bytes,
  );
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
