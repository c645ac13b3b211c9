/**
 * Tests of `lib/large_buffer.ts`.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import {
  LARGE_BUFFER,
  OWN_MAPPING,
  workBuffer,
  workCopy,
  workFloats,
} from "../../lib/large_buffer.ts";

Deno.test("workBuffer() is exact below a megabyte and past glibc's 32 MiB mmap threshold from one up", () => {
  assertEquals(workBuffer(0).byteLength, 0);
  assertEquals(workBuffer(LARGE_BUFFER - 1).byteLength, LARGE_BUFFER - 1);
  assertEquals(workBuffer(LARGE_BUFFER).byteLength, OWN_MAPPING);
  assertEquals(workBuffer(16 * 2 ** 20).byteLength, OWN_MAPPING);
  assertEquals(workBuffer(OWN_MAPPING + 1).byteLength, OWN_MAPPING + 1);
  assertEquals(OWN_MAPPING > 32 * 2 ** 20, true);
});

Deno.test("workFloats() is a view of the length asked, zeroed, over a work buffer", () => {
  const small = workFloats(784);
  assertEquals([small.length, small.buffer.byteLength], [784, 784 * 4]);
  const batch = workFloats(1000 * 784);
  assertEquals(batch.length, 1000 * 784);
  assertEquals(batch.byteOffset, 0);
  assertEquals(batch.buffer.byteLength, OWN_MAPPING);
  assertEquals(batch.every((value) => value === 0), true);
});

Deno.test("workCopy() copies bytes or floats into a buffer of their own, of the same kind", () => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4);
  const copied = workCopy(bytes);
  assertEquals([copied instanceof Uint8Array, [...copied]], [true, [2, 3, 4]]);
  assertEquals(copied.buffer.byteLength, 3, "not the original's whole buffer");
  const batch = new Float32Array(1000 * 784).fill(0.5);
  const moved = workCopy(batch);
  assertEquals(moved instanceof Float32Array && moved.length, 1000 * 784);
  assertEquals([moved[0], moved[moved.length - 1]], [0.5, 0.5]);
  assertEquals(moved.buffer.byteLength, OWN_MAPPING);
});
