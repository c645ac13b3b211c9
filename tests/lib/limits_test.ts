/**
 * Tests of `lib/limits.ts`, and of the README's table of limits against it.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import * as limits from "../../lib/limits.ts";
import { BODY_LIMITS, bodyOverLimit, MAX_BATCH } from "../../lib/limits.ts";

Deno.test("bodyOverLimit() is a 413 that names the body and its limit, and says what to do", () => {
  const error = bodyOverLimit("JSON body", BODY_LIMITS.json);
  assertEquals(error.status, 413);
  assertEquals(
    error.message,
    "The JSON body is over its limit of 16777216 bytes: send less",
  );
});

Deno.test("the raw bytes limit is MAX_BATCH images of 784 bytes", () => {
  assertEquals(BODY_LIMITS.bytes, MAX_BATCH * 784);
});

const count = (n: number) => n.toLocaleString("en-US");
const bytes = (n: number) =>
  n % 2 ** 20 === 0 ? `${n / 2 ** 20} MiB` : `${n / 2 ** 10} KiB`;
const seconds = (ms: number) => `${ms / 1000} s`;

/** Each limit's row of the README's table: its name here, then the row. */
const ROWS: [string, string, string, number][] = [
  ["BODY_LIMITS.json", "JSON body", bytes(BODY_LIMITS.json), 413],
  [
    "MAX_JSON_CONTAINERS",
    "arrays and objects a JSON body opens",
    count(limits.MAX_JSON_CONTAINERS),
    400,
  ],
  [
    "MAX_JSON_VALUES",
    "values a JSON body holds (counted by its commas)",
    count(limits.MAX_JSON_VALUES),
    400,
  ],
  [
    "BODY_LIMITS.image",
    "image body (raw or multipart)",
    bytes(BODY_LIMITS.image),
    413,
  ],
  [
    "MAX_FORM_PARTS",
    "parts of a multipart form",
    String(limits.MAX_FORM_PARTS),
    413,
  ],
  [
    "BODY_LIMITS.bytes",
    "raw bytes body",
    `${MAX_BATCH} × ${BODY_LIMITS.bytes / MAX_BATCH} bytes`,
    413,
  ],
  ["BODY_LIMITS.v2", "a V2 infer request's body", bytes(BODY_LIMITS.v2), 413],
  [
    "BODY_LIMITS.drawing",
    "a drawing's body (`POST /api/drawings`)",
    bytes(BODY_LIMITS.drawing),
    413,
  ],
  [
    "DRAWINGS_PER_MINUTE",
    "drawings stored or deleted per client",
    `${limits.DRAWINGS_PER_MINUTE} a minute`,
    429,
  ],
  ["MAX_BATCH", "images per request", String(MAX_BATCH), 400],
  [
    "MAX_IMAGE_PIXELS",
    "image dimensions (read from the header, before decoding)",
    `${count(limits.MAX_IMAGE_PIXELS)} pixels`,
    413,
  ],
  [
    "MAX_PNG_DATA_BYTES",
    "a PNG's image data, inflated (from the header)",
    bytes(limits.MAX_PNG_DATA_BYTES),
    413,
  ],
  ["MAX_PNG_CHUNKS", "a PNG's chunks", count(limits.MAX_PNG_CHUNKS), 413],
  [
    "MAX_JPEG_PIXELS_PER_BYTE",
    "pixels a JPEG declares per byte of its file",
    count(limits.MAX_JPEG_PIXELS_PER_BYTE),
    400,
  ],
  [
    "DECODE_TIMEOUT_MS",
    "decoding time (waiting for a decoder included)",
    seconds(limits.DECODE_TIMEOUT_MS),
    503,
  ],
  [
    "PREDICTIONS_PER_MINUTE",
    "predictions (`/api/predict`, V2 infer) per client",
    `${limits.PREDICTIONS_PER_MINUTE} a minute`,
    429,
  ],
  [
    "WORK_BUDGET_MB",
    "memory for the work in flight (all requests together)",
    `${limits.WORK_BUDGET_MB} MiB`,
    503,
  ],
  [
    "QUEUE_LIMIT_MS",
    "computing ahead of a large batch (all models together)",
    seconds(limits.QUEUE_LIMIT_MS),
    503,
  ],
  [
    "REQUEST_TIMEOUT_MS",
    "a request's time, body upload included",
    seconds(limits.REQUEST_TIMEOUT_MS),
    503,
  ],
];

/** The rows of the README's table under "Errors and limits". */
async function readmeLimits(): Promise<string[][]> {
  const readme = await Deno.readTextFile(
    new URL("../../README.md", import.meta.url),
  );
  const section = readme.slice(readme.indexOf("### Errors and limits"));
  const lines = section.split("\n");
  const start = lines.findIndex((line) => line.startsWith("| limit "));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.split("|").slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

Deno.test("the README's table of limits says what lib/limits.ts holds, every limit once", async () => {
  assertEquals(
    await readmeLimits(),
    ROWS.map(([, label, value, status]) => [label, value, String(status)]),
  );
  // every limit of lib/limits.ts has its row
  const names = Object.entries(limits).flatMap(([name, value]) =>
    typeof value === "number"
      ? [name]
      : typeof value === "object"
      ? Object.keys(value).map((key) => `${name}.${key}`)
      : []
  );
  assertEquals(
    names.sort(),
    ROWS.map(([name]) => name).sort(),
    "a limit missing from the table",
  );
});
