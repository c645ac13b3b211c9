/**
 * Tests of `scripts/bench/tools.ts`.
 *
 * @module
 */

import { assertEquals, assertStringIncludes } from "@std/assert";
import { median, wrkScript } from "../../../scripts/bench/tools.ts";

Deno.test("wrkScript() writes the body as a Lua string of 3-digit escapes, so a digit after one cannot join it", () => {
  // byte 1 then "2" must stay two bytes (\0012), not become byte 12; a quote
  // and a backslash are escaped; 255 stays one byte
  const body = Uint8Array.of(1, 50, 34, 92, 255, 65);
  const script = wrkScript({ path: "/", contentType: "x/y", body });
  assertStringIncludes(script, 'wrk.body = "\\0012\\034\\092\\255A"\n');
  assertStringIncludes(script, 'wrk.headers["Content-Type"] = "x/y"');
});

Deno.test("median() is the middle value, or the mean of the two middle ones", () => {
  assertEquals(median([3, 1, 2]), 2);
  assertEquals(median([4, 1, 3, 2]), 2.5);
});
