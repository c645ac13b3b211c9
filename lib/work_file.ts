/**
 * Files read whole into a work buffer (lib/large_buffer.ts) rather than by
 * `Deno.readFile`, whose bytes come from the C allocator: glibc raises its
 * mmap threshold to the size of any mapped block freed, for the whole
 * process, and onnxruntime's wasm, read for the runtime's start and let go
 * once it runs, left it at the wasm's size, so that every block below that
 * size afterwards came from heaps that rarely gave memory back.
 *
 * @module
 */

import { workBuffer } from "./large_buffer.ts";

/**
 * Reads a file whole into a {@linkcode workBuffer} (V8's own pages from
 * a megabyte up), straight from the file into the buffer. A file that grows
 * while it is read is read to the size it had when opened.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readWorkFile } from "./work_file.ts";
 *
 * const path = await Deno.makeTempFile();
 * await Deno.writeFile(path, new Uint8Array([1, 2, 3]));
 * assertEquals([...await readWorkFile(path)], [1, 2, 3]);
 * await Deno.remove(path);
 * ```
 */
export async function readWorkFile(
  path: string | URL,
): Promise<Uint8Array<ArrayBuffer>> {
  const file = await Deno.open(path);
  try {
    const { size } = await file.stat();
    const bytes = new Uint8Array(workBuffer(size));
    let at = 0;
    while (at < size) {
      const read = await file.read(bytes.subarray(at));
      if (read === null) break; // shorter than it was: what there is
      at += read;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    file.close();
  }
}
