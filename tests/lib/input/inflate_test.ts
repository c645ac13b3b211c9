/**
 * Tests of `lib/input/inflate.ts`.
 *
 * @module
 */

import { assertEquals, assertThrows } from "@std/assert";
import { deflateSync, gzipSync } from "node:zlib";
import { inflateBody } from "../../../lib/input/inflate.ts";
import { ClientError } from "../../../lib/errors.ts";

const text = new TextEncoder().encode('{"pixels": [0, 0.5, 1]}');

Deno.test("inflateBody() undoes gzip and deflate (zlib), up to and at its limit", () => {
  for (
    const [format, pack] of [["gzip", gzipSync], [
      "deflate",
      deflateSync,
    ]] as const
  ) {
    const bytes = inflateBody(pack(text), format, 1000, "JSON body");
    assertEquals(bytes, text);
    assertEquals(
      inflateBody(pack(text), format, text.length, "JSON body"),
      text,
    );
  }
  assertEquals(
    inflateBody(gzipSync(new Uint8Array()), "gzip", 10, "body").length,
    0,
  );
});

Deno.test("inflateBody() stops a bomb at its limit with a 413, and refuses what is not its format with a 400", () => {
  const bomb = gzipSync(new Uint8Array(64 * 2 ** 20).fill(32)); // 64 MiB in 64 KB
  const tooLarge = assertThrows(
    () => inflateBody(bomb, "gzip", 2 ** 20, "JSON body"),
    ClientError,
    "The JSON body is over its limit of 1048576 bytes: send less",
  );
  assertEquals(tooLarge.status, 413);
  assertThrows(
    () => inflateBody(gzipSync(text), "gzip", text.length - 1, "body"),
    ClientError,
    "over its limit",
  );
  const cases: [Uint8Array, "gzip" | "deflate"][] = [
    [text, "gzip"],
    [gzipSync(text).subarray(0, 12), "gzip"], // cut short
    [gzipSync(text), "deflate"],
    [deflateSync(text), "gzip"],
  ];
  for (const [bytes, format] of cases) {
    const error = assertThrows(
      () => inflateBody(bytes, format, 1000, "body"),
      ClientError,
      `Cannot decompress the body: it is not valid ${format} data`,
    );
    assertEquals(error.status, 400);
  }
});
