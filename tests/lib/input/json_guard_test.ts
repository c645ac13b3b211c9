import { assertEquals, assertThrows } from "@std/assert";
import { checkJsonContainers } from "../../../lib/input/json_guard.ts";
import { ClientError } from "../../../lib/errors.ts";
import { MAX_JSON_CONTAINERS } from "../../../lib/limits.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("checkJsonContainers() lets the largest bodies the API reads through", () => {
  const rows = Array.from({ length: 28 }, () => Array(28).fill(0.5));
  // 1000 images of 28 rows: 29,001 arrays and one object
  checkJsonContainers(
    encode(JSON.stringify({ batch: Array(1000).fill(rows) })),
  );
  // a V2 tensor shaped [1000, 1, 28, 28]
  checkJsonContainers(
    encode(JSON.stringify({
      inputs: [{ name: "x", data: Array(1000).fill([rows]) }],
    })),
  );
});

Deno.test("checkJsonContainers() refuses bodies of millions of arrays or objects, deep or wide, with a 400 that says what to send", () => {
  const n = MAX_JSON_CONTAINERS + 1;
  const bombs = [
    "[".repeat(8_000_000) + "]".repeat(8_000_000),
    `{"batch": [${"[],".repeat(n)}[]]}`,
    '{"a":'.repeat(n) + "1" + "}".repeat(n),
    "[{".repeat(n / 2 + 1) + "}]".repeat(n / 2 + 1),
  ];
  for (const text of bombs) {
    const error = assertThrows(
      () => checkJsonContainers(encode(text)),
      ClientError,
      `more than ${MAX_JSON_CONTAINERS} arrays and objects`,
    );
    assertEquals(error.status, 400);
  }
  // the limit is the caller's, and so is the body's name
  assertThrows(
    () => checkJsonContainers(encode("[[[[" + " ".repeat(10)), 3, "header"),
    ClientError,
    "The header opens more than 3",
  );
});

Deno.test("checkJsonContainers() does not search a body no longer than its limit", () => {
  // 40 bytes cannot open more than 40: left to JSON.parse
  checkJsonContainers(encode("[".repeat(40)), 40);
  assertThrows(() => checkJsonContainers(encode("[".repeat(41)), 40));
});
