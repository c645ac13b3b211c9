import { assertEquals, assertMatch, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import {
  CURSOR_PATTERN,
  cursorOf,
  type ListingQuery,
  listingSelector,
  MAX_PAGE,
  parseCursor,
} from "../../../lib/drawings/_listing.ts";

Deno.test("cursorOf() and parseCursor() go there and back, in CURSOR_PATTERN's form", () => {
  const id = crypto.randomUUID();
  for (const time of [0, 1, Date.UTC(2026, 0, 1), 999_999_999_999_999]) {
    const cursor = cursorOf(time, id);
    assertMatch(cursor, CURSOR_PATTERN);
    assertEquals(parseCursor(cursor), [time, id]);
  }
});

const errorCases = [
  "",
  "nope",
  "1767225600000",
  `1767225600000-${"a".repeat(36)}`,
  `-1_${"a".repeat(36)}`,
  `1.5_${"a".repeat(36)}`,
  `${"9".repeat(16)}_${"a".repeat(36)}`,
  `1767225600000_${"a".repeat(35)}`,
  `1767225600000_${"A".repeat(36)}`,
  `1767225600000_${"a".repeat(36)}\n`,
];

for (const cursor of errorCases) {
  Deno.test(`parseCursor() refuses ${JSON.stringify(cursor)} with 400`, () => {
    const error = assertThrows(
      () => parseCursor(cursor),
      ClientError,
      "cursor",
    );
    assertEquals(error.status, 400);
  });
}

Deno.test("listingSelector() reads the time index, or a label's, up to the cursor", () => {
  const id = crypto.randomUUID();
  assertEquals(listingSelector({}), {
    selector: { prefix: ["drawings_by_time"] },
    limit: 20,
  });
  assertEquals(listingSelector({ label: 7, limit: 5, cursor: `12_${id}` }), {
    selector: {
      prefix: ["drawings_by_label", 7],
      end: ["drawings_by_label", 7, 12, id],
    },
    limit: 5,
  });
});

const queryErrors: [ListingQuery, string][] = [
  [{ label: 10 }, "label 10"],
  [{ label: 1.5 }, "label 1.5"],
  [{ limit: 0 }, "limit is 1 to 100"],
  [{ limit: MAX_PAGE + 1 }, "limit is 1 to 100"],
];

for (const [query, message] of queryErrors) {
  Deno.test(`listingSelector() refuses ${JSON.stringify(query)}`, () => {
    assertThrows(() => listingSelector(query), RangeError, message);
  });
}
