import { assertEquals } from "@std/assert";
import { type Encoding, pickEncoding } from "../../../lib/assets/encoding.ts";

const cases: [
  string | undefined,
  Encoding[] | undefined,
  Encoding | undefined,
][] = [
  ["gzip, deflate, br, zstd", undefined, "br"],
  ["gzip, deflate", undefined, "gzip"],
  ["br;q=0, gzip", undefined, "gzip"],
  ["BR;Q=0.5", undefined, "br"],
  ["identity", undefined, undefined],
  ["*", undefined, "br"],
  ["*, br;q=0", undefined, "gzip"],
  ["gzip;q=0, *;q=0", undefined, undefined],
  ["", undefined, undefined],
  [undefined, undefined, undefined],
  ["gzip, br", ["gzip"], "gzip"],
  ["br", ["gzip"], undefined],
  ["br;q=nonsense, gzip", undefined, "gzip"],
];

for (const [header, available, expected] of cases) {
  Deno.test(`pickEncoding(${JSON.stringify(header)}, ${available ?? "all"}) is ${expected}`, () => {
    assertEquals(pickEncoding(header, available), expected);
  });
}
