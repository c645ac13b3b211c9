/**
 * The drawings' counts in KV: one `Deno.KvU64` a counter of
 * {@linkcode countersOf}, moved by `sum` mutations in the very atomic
 * operation that stores or deletes the drawing, so that the counts are those
 * of the drawings stored whatever runs at the same time, in this instance or
 * another.
 *
 *     ["drawings_counts", "count"]                       → drawings
 *     ["drawings_counts", "label", label]                → drawings of a label
 *     ["drawings_counts", "model", name, label, digit]   → a cell of a model's confusion
 *
 * @module
 */

import {
  type Counter,
  countersOf,
  type DrawingSummary,
  Tally,
} from "./tally.ts";
import {
  BY_ID,
  BY_TIME,
  keysOf,
  type StoredDrawing,
  summaryOf,
} from "./_record.ts";

/** The first part of every counter's key. */
export const COUNTS = "drawings_counts";
/** Set once the drawings stored before the counters existed are counted in. */
const LEGACY_COUNTED: Deno.KvKey = ["drawings_meta", "legacy_counted"];

// KV sums wrap around at 2^64: adding 2^64 - 1 takes one away
const STEP = { 1: 1n, [-1]: (1n << 64n) - 1n } as const;

/** Adds to `op` the sums that count a drawing in (`step` 1) or out (-1). */
export function moveCounts(
  op: Deno.AtomicOperation,
  summary: DrawingSummary,
  step: 1 | -1,
): Deno.AtomicOperation {
  for (const counter of countersOf(summary)) {
    op.sum([COUNTS, ...counter], STEP[step]);
  }
  return op;
}

/** A counter's value as a number (a wrapped-around one as the negative it is). */
function valueOf(value: Deno.KvU64): number {
  return Number(BigInt.asIntN(64, value.value));
}

/**
 * Every counter, read at one moment (one range read: two models make 211
 * counters, well inside one batch).
 */
export async function readTally(kv: Deno.Kv): Promise<Tally> {
  const tally = new Tally();
  const entries = kv.list<Deno.KvU64>({ prefix: [COUNTS] }, {
    batchSize: 1000,
  });
  for await (const { key, value } of entries) {
    tally.add(key.slice(1) as unknown as Counter, valueOf(value));
  }
  return tally;
}

/** How many drawings are stored. */
export async function readCount(kv: Deno.Kv): Promise<number> {
  const { value } = await kv.get<Deno.KvU64>([COUNTS, "count"]);
  return value ? valueOf(value) : 0;
}

/**
 * Counts in, once per database, the drawings stored before the counters
 * existed (with KV's own `expireIn`, which deletes keys without telling
 * anyone): each is written again without it, with its expiry entry, and
 * counted, in one atomic operation checked against the record as read, so
 * that two instances doing it at once count each drawing once.
 */
export async function countLegacy(kv: Deno.Kv): Promise<void> {
  if ((await kv.get(LEGACY_COUNTED)).value) return;
  const index = kv.list<DrawingSummary>({ prefix: [BY_TIME] }, {
    batchSize: 500,
  });
  for await (const { key } of index) {
    const entry = await kv.get<StoredDrawing>([BY_ID, key.at(-1)!]);
    const stored = entry.value;
    if (!stored || stored.counted) continue;
    const keys = keysOf(stored);
    const summary = summaryOf(stored);
    const op = kv.atomic()
      .check(entry)
      .set(keys.record, { ...stored, counted: true })
      .set(keys.byTime, summary)
      .set(keys.byLabel, summary)
      .set(keys.byExpiry, true);
    // a failed check: another instance counted it, or it was deleted
    await moveCounts(op, summary, 1).commit();
  }
  await kv.set(LEGACY_COUNTED, true);
}
