/**
 * Inputs the inference worker gave back, by length, for the next runs of
 * that length: a batch goes to the worker in runs of the same size, and a
 * new buffer for each run was ArrayBuffer memory that brought the event
 * loop's next full garbage collection nearer (see `ownBytes` in
 * lib/large_buffer.ts). Plain buffers only (work buffers from a megabyte up
 * go back to the system), at most {@linkcode SPARE_BYTES} in all.
 *
 * @module
 */

import { LARGE_BUFFER, workFloats } from "../large_buffer.ts";

/** The most bytes of inputs kept for reuse: 4 MiB. */
export const SPARE_BYTES = 4 * 2 ** 20;

const spare = new Map<number, Float32Array<ArrayBuffer>[]>();
let spareBytes = 0;

/**
 * The inputs kept for reuse now: how many, their bytes, and the lengths kept
 * (in values), the least lately used first.
 */
export function spareInputs(): {
  buffers: number;
  bytes: number;
  lengths: number[];
} {
  let buffers = 0;
  const lengths: number[] = [];
  for (const [length, list] of spare) {
    buffers += list.length;
    if (list.length) lengths.push(length);
  }
  return { buffers, bytes: spareBytes, lengths };
}

/** A buffer for an input of `length` values: one given back, or a new one. */
export function inputBuffer(length: number): Float32Array<ArrayBuffer> {
  const reused = spare.get(length)?.pop();
  if (!reused) return workFloats(length);
  spareBytes -= reused.byteLength;
  return reused;
}

/**
 * Keeps an input the worker gave back, if it is a plain buffer under a
 * megabyte; to make room, the lengths used least lately are let go first (a
 * length is moved to the back of the map whenever a buffer of it is kept).
 */
export function keepInput(data: Float32Array): void {
  const buffer = data.buffer;
  if (
    !(buffer instanceof ArrayBuffer) || buffer.resizable ||
    buffer.byteLength !== data.byteLength || data.byteLength >= LARGE_BUFFER
  ) return; // (under a megabyte, so always under SPARE_BYTES)
  const list = spare.get(data.length) ?? [];
  spare.delete(data.length);
  while (spareBytes + data.byteLength > SPARE_BYTES && spare.size > 0) {
    const [length, oldest] = spare.entries().next().value!;
    const dropped = oldest.shift();
    if (dropped) spareBytes -= dropped.byteLength;
    if (oldest.length === 0) spare.delete(length);
  }
  while (spareBytes + data.byteLength > SPARE_BYTES && list.length > 0) {
    spareBytes -= list.shift()!.byteLength;
  }
  list.push(data as Float32Array<ArrayBuffer>);
  spare.set(data.length, list);
  spareBytes += data.byteLength;
}
