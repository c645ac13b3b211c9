/**
 * Tests of `scripts/update_file.ts`.
 *
 * @module
 */

import { assertEquals, assertNotEquals } from "@std/assert";
import { update } from "../../scripts/update_file.ts";

Deno.test("update writes new bytes and leaves a file that holds them already untouched", async () => {
  const dir = await Deno.makeTempDir();
  const file = new URL(`file://${dir}/a.txt`);
  try {
    await update(file, "one");
    assertEquals(await Deno.readTextFile(file), "one");
    const past = new Date(2000, 0, 1);
    await Deno.utime(file, past, past);
    await update(file, new TextEncoder().encode("one"));
    assertEquals((await Deno.stat(file)).mtime?.getTime(), past.getTime());
    await update(file, "two");
    assertEquals(await Deno.readTextFile(file), "two");
    assertNotEquals((await Deno.stat(file)).mtime?.getTime(), past.getTime());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
