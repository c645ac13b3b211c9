/**
 * Tests of `lib/large_buffer.ts`.
 *
 * @module
 */

import { assert, assertEquals, assertFalse } from "@std/assert";
import {
  LARGE_BUFFER,
  ownBytes,
  workBuffer,
  workCopy,
} from "../../lib/large_buffer.ts";

Deno.test("workBuffer() is plain below a megabyte, resizable (a mapping of its own) from one up, of the length asked", () => {
  assertEquals(workBuffer(0).byteLength, 0);
  const small = workBuffer(LARGE_BUFFER - 1);
  assertEquals([small.byteLength, small.resizable], [LARGE_BUFFER - 1, false]);
  const large = workBuffer(LARGE_BUFFER);
  assertEquals([large.byteLength, large.resizable], [LARGE_BUFFER, true]);
  assertEquals(large.maxByteLength, LARGE_BUFFER);
});

Deno.test("workBuffer(bytes, maxBytes) grows in place up to maxBytes, keeping its bytes", () => {
  const buffer = workBuffer(16 * 1024, 16 * 2 ** 20);
  assertEquals([buffer.byteLength, buffer.maxByteLength], [
    16384,
    16 * 2 ** 20,
  ]);
  new Uint8Array(buffer).fill(7);
  buffer.resize(4 * 2 ** 20);
  const bytes = new Uint8Array(buffer);
  assertEquals([bytes.length, bytes[16383], bytes[16384]], [4 * 2 ** 20, 7, 0]);
  assertFalse(workBuffer(10, 100).resizable, "small: plain");
});

Deno.test("workCopy() copies bytes into a buffer of their own, a work buffer", () => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4);
  const copied = workCopy(bytes);
  assertEquals([...copied], [2, 3, 4]);
  assertEquals(copied.buffer.byteLength, 3, "not the original's whole buffer");
  const picture = new Uint8Array(LARGE_BUFFER + 5).fill(9);
  const moved = workCopy(picture.subarray(5));
  assertEquals([moved.length, moved[0], moved.at(-1)], [LARGE_BUFFER, 9, 9]);
  assertEquals([moved.buffer.byteLength, moved.buffer.resizable], [
    LARGE_BUFFER,
    true,
  ]);
});

Deno.test("ownBytes() gives bytes their own buffer: theirs when they start it (a resizable one cut to them, a small plain one), a work copy otherwise", () => {
  // a body gathered in a work buffer reserved past it, and grown past it
  const buffer = workBuffer(LARGE_BUFFER, 12 * 2 ** 20);
  buffer.resize(4 * 2 ** 20);
  const body = new Uint8Array(buffer, 0, 3 * 2 ** 20 + 5).fill(3);
  const given = ownBytes(body);
  assert(given.buffer === buffer, "its own buffer, not a copy");
  assertEquals([buffer.byteLength, given.length, given.at(-1)], [
    3 * 2 ** 20 + 5,
    3 * 2 ** 20 + 5,
    3,
  ]);
  // a small plain buffer of exactly their length is theirs too; a large one
  // is copied into a work buffer (the C heap keeps what it frees)
  const exact = new Uint8Array([1, 2, 3]);
  assert(ownBytes(exact).buffer === exact.buffer);
  const plain = new Uint8Array(LARGE_BUFFER).fill(5);
  const copied = ownBytes(plain);
  assertFalse(copied.buffer === plain.buffer);
  assert(copied.buffer.resizable, "a work buffer");
  assertEquals([copied.length, copied[0]], [LARGE_BUFFER, 5]);
  // bytes that share their buffer, or do not start it, are copied
  const shared = new Uint8Array([1, 2, 3, 4]);
  for (const part of [shared.subarray(0, 2), shared.subarray(1)]) {
    const copy = ownBytes(part);
    assertFalse(copy.buffer === shared.buffer);
    assertEquals([...copy], [...part]);
    assertEquals(copy.buffer.byteLength, part.length);
  }
  assertEquals([...shared], [1, 2, 3, 4], "the original left as it was");
});

Deno.test("work buffers go back to the system when freed, even among small buffers that stay", async () => {
  // in a process of its own, with the collector at hand: glibc's threshold
  // raised by a 16 MiB block freed, then 50 buffers of 2 MiB written and
  // freed, each beside a small one that stays
  const script = `
    import { workBuffer } from ${
    JSON.stringify(new URL("../../lib/large_buffer.ts", import.meta.url).href)
  };
    const make = Deno.args[0] === "work" ? workBuffer : (n) => new ArrayBuffer(n);
    const collect = async () => {
      for (let i = 0; i < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        globalThis.gc();
      }
    };
    new Uint8Array(new ArrayBuffer(16 << 20)).fill(1);
    await collect();
    const before = Deno.memoryUsage().rss;
    const small = [];
    let large = [];
    for (let i = 0; i < 50; i++) {
      large.push(new Uint8Array(make(2 << 20)).fill(1));
      small.push(new Uint8Array(new ArrayBuffer(200_000)).fill(1));
    }
    large = [];
    await collect();
    console.log(JSON.stringify({ kept: (Deno.memoryUsage().rss - before) / 2 ** 20, small: small.length }));
  `;
  const kept = async (kind: string) => {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--v8-flags=--expose-gc", script, kind],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(stdout);
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    return JSON.parse(text).kept as number;
  };
  const [plain, work] = [await kept("plain"), await kept("work")];
  // 100 MiB of large buffers written; the small ones that stay are 10 MB
  assert(work < 30, `${work.toFixed(1)} MiB kept with work buffers`);
  console.log(
    `kept after freeing: plain buffers ${plain.toFixed(1)} MiB, work buffers ${
      work.toFixed(1)
    } MiB`,
  );
});
