/**
 * Tests of `lib/work_file.ts`.
 *
 * @module
 */

import { assert, assertEquals, assertFalse } from "@std/assert";
import { LARGE_BUFFER } from "../../lib/large_buffer.ts";
import { ORT_WASM_URL } from "../../lib/runtime/mod.ts";
import { readWorkFile } from "../../lib/work_file.ts";

Deno.test("readWorkFile() reads what Deno.readFile() reads, into a work buffer", async () => {
  const wasm = await readWorkFile(ORT_WASM_URL);
  assertEquals(wasm, await Deno.readFile(ORT_WASM_URL));
  assert(wasm.length > LARGE_BUFFER);
  assert(wasm.buffer.resizable, "a mapping of its own, V8's");
  const path = await Deno.makeTempFile();
  try {
    assertEquals((await readWorkFile(path)).length, 0);
    await Deno.writeFile(path, new Uint8Array([1, 2, 3]));
    const small = await readWorkFile(path);
    assertEquals([...small], [1, 2, 3]);
    assertFalse(small.buffer.resizable, "small: a plain buffer");
  } finally {
    await Deno.remove(path);
  }
});
