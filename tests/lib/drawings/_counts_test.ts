/**
 * The drawings' counts under concurrency: whatever the interleaving of
 * creates, deletes and stats calls on a file-backed KV, and however old the
 * counts an instance last read, the stats' count and labels are those of the
 * drawings listed.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import fc from "fast-check";
import { ClientError } from "../../../lib/errors.ts";
import { DrawingStore } from "../../../lib/drawings/store.ts";
import {
  keysOf,
  type NewDrawing,
  pack,
  summaryOf,
} from "../../../lib/drawings/_record.ts";
import { hashToken, newToken } from "../../../lib/drawings/token.ts";

const MINUTE = 60_000;

/** A drawing of `label`, its pixels marked by `seed`, read wrong by the MLP and right by the CNN. */
function drawing(label: number, seed: number): NewDrawing {
  const pixels = new Uint8Array(784);
  pixels[seed % 784] = 255;
  pixels[(seed * 7 + 3) % 784] = 128;
  const answer = (digit: number) => ({
    digit,
    probabilities: Array.from({ length: 10 }, (_, d) => d === digit ? 1 : 0),
  });
  return {
    pixels,
    label,
    predictions: { mlp: answer((label + 1) % 10), "deep-cnn": answer(label) },
  };
}

/** A store on a KV file of its own, with a clock the test moves. */
async function fileStore() {
  const dir = await Deno.makeTempDir({ prefix: "drawings-counts-" });
  const kv = await Deno.openKv(`${dir}/drawings.sqlite3`);
  const clock = { now: Date.UTC(2026, 0, 1) };
  const store = new DrawingStore(kv, { now: () => clock.now });
  return {
    kv,
    clock,
    store,
    async [Symbol.asyncDispose]() {
      kv.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** One turn of the event loop, as a request arriving a little later. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `op` after `ticks` turns of the event loop. */
async function after<T>(ticks: number, op: () => Promise<T>): Promise<T> {
  for (let i = 0; i < ticks; i++) await tick();
  return await op();
}

/** The stats' count and labels beside those of every drawing listed, page by page. */
async function countedAndListed(store: DrawingStore) {
  const labels = Array(10).fill(0);
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await store.list({ limit: 100, cursor });
    for (const { label } of page.drawings) labels[label]++;
    count += page.drawings.length;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const stats = await store.stats();
  return {
    counted: { count: stats.count, labels: stats.labels },
    listed: { count, labels },
  };
}

Deno.test("DrawingStore: 20 deletes, 20 creates and 5 stats at once, on counts over a minute old, leave the count equal to the listing (file-backed KV)", async () => {
  await using f = await fileStore();
  let seed = 0;
  let kept: { drawing: { id: string }; deleteToken: string }[] = [];
  for (let i = 0; i < 40; i++) {
    kept.push(await f.store.add(drawing(i % 10, seed++)));
  }
  // the creates and stats arrive 0 to 15 turns after the deletes, as
  // requests over HTTP do: each round another interleaving
  for (let lag = 0; lag < 16; lag++) {
    await f.store.stats();
    f.clock.now += MINUTE + 1; // the counts this instance read are stale
    const deleted = kept.slice(0, 20);
    const [, created] = await Promise.all([
      Promise.all(
        deleted.map(({ drawing, deleteToken }) =>
          f.store.delete(drawing.id, deleteToken)
        ),
      ),
      Promise.all(
        Array.from(
          { length: 20 },
          (_, i) => after(lag, () => f.store.add(drawing(i % 10, seed++))),
        ),
      ),
      Promise.all(
        Array.from({ length: 5 }, () => after(lag, () => f.store.stats())),
      ),
    ]);
    kept = [...kept.slice(20), ...created];
    const { counted, listed } = await countedAndListed(f.store);
    assertEquals(listed.count, 40);
    assertEquals(counted, listed, `creates and stats ${lag} turns late`);
  }
});

type Op =
  | { kind: "create"; label: number; lag: number; instance: number }
  | { kind: "delete"; pick: number; lag: number; instance: number }
  | { kind: "stats"; lag: number; instance: number }
  | { kind: "stale"; lag: number };

const lag = fc.integer({ min: 0, max: 8 });
const instance = fc.integer({ min: 0, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    label: fc.integer({ min: 0, max: 9 }),
    lag,
    instance,
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    pick: fc.nat(),
    lag,
    instance,
  }),
  fc.record({ kind: fc.constant("stats" as const), lag, instance }),
  fc.record({ kind: fc.constant("stale" as const), lag }),
);

/** Runs `ops` at once, each `lag` turns late, on two instances over one fresh KV file holding 10 drawings. */
async function interleave(ops: Op[]) {
  await using f = await fileStore();
  const stores = [f.store, new DrawingStore(f.kv, { now: () => f.clock.now })];
  const made: { id: string; deleteToken: string }[] = [];
  let seed = 0;
  const create = async (store: DrawingStore, label: number) => {
    const { drawing: d, deleteToken } = await store.add(drawing(label, seed++));
    made.push({ id: d.id, deleteToken });
  };
  for (let label = 0; label < 10; label++) await create(f.store, label);
  const run = async (op: Op) => {
    if (op.kind === "stale") f.clock.now += MINUTE + 1;
    else if (op.kind === "stats") await stores[op.instance].stats();
    else if (op.kind === "create") await create(stores[op.instance], op.label);
    else {
      // any drawing made so far: perhaps deleted already, or by another op now
      const { id, deleteToken } = made[op.pick % made.length];
      await stores[op.instance].delete(id, deleteToken).catch((error) => {
        if (!(error instanceof ClientError && error.status === 404)) {
          throw error;
        }
      });
    }
  };
  await Promise.all(ops.map((o) => after(o.lag, () => run(o))));
  return await Promise.all(stores.map(countedAndListed));
}

Deno.test("DrawingStore: after random interleavings of creates, deletes (twice over, too), stats and stale counts on two instances, the count is the listing's", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(op, { minLength: 1, maxLength: 24 }),
      async (ops) => {
        for (const { counted, listed } of await interleave(ops)) {
          assertEquals(counted, listed);
        }
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("DrawingStore: two deletes of one drawing at once, from two instances, count it out once", async () => {
  await using f = await fileStore();
  const other = new DrawingStore(f.kv, { now: () => f.clock.now });
  const made = [];
  for (let i = 0; i < 10; i++) made.push(await f.store.add(drawing(i, i)));
  const outcomes = await Promise.all(
    made.map(({ drawing, deleteToken }) =>
      Promise.allSettled([
        f.store.delete(drawing.id, deleteToken),
        other.delete(drawing.id, deleteToken),
      ])
    ),
  );
  for (const pair of outcomes) {
    const statuses = pair.map((outcome) =>
      outcome.status === "fulfilled" ? 204 : outcome.reason.status
    );
    assertEquals(statuses.toSorted(), [204, 404]);
  }
  const stats = await f.store.stats();
  assertEquals([stats.count, stats.labels], [0, Array(10).fill(0)]);
  assertEquals(stats.models.mlp.count, 0);
});

/** Writes a drawing as the store did before the counters: KV's own expiry, no expiry entry, not counted. */
async function writeLegacy(
  kv: Deno.Kv,
  label: number,
  times: { createdAt: number; expiresAt: number },
): Promise<{ id: string; deleteToken: string }> {
  const deleteToken = newToken();
  const { pixels: _, ...d } = { ...drawing(label, label), ...times };
  const id = crypto.randomUUID();
  const { counted: __, ...stored } = await pack(
    { ...drawing(label, label), ...times, id },
    await hashToken(deleteToken),
  );
  const summary = summaryOf(d);
  const keys = keysOf({ ...d, id });
  const expireIn = 90 * 86_400_000; // from the real clock: kept through the test
  await kv.atomic()
    .set(keys.record, stored, { expireIn })
    .set(keys.byTime, summary, { expireIn })
    .set(keys.byLabel, summary, { expireIn })
    .commit();
  return { id, deleteToken };
}

Deno.test("countLegacy(): drawings stored before the counters are counted in once, by two instances at once, and deleted or swept out right", async () => {
  await using f = await fileStore();
  const times = (ageDays: number) => ({
    createdAt: f.clock.now - ageDays * 86_400_000,
    expiresAt: f.clock.now + (90 - ageDays) * 86_400_000,
  });
  const legacy = [];
  for (let label = 0; label < 6; label++) {
    legacy.push(await writeLegacy(f.kv, label, times(label)));
  }
  // one already past its time, one deleted before anything was counted
  await writeLegacy(f.kv, 9, times(91));
  await f.store.delete(legacy[0].id, legacy[0].deleteToken);

  const other = new DrawingStore(f.kv, { now: () => f.clock.now });
  const [mine, theirs] = await Promise.all([f.store.stats(), other.stats()]);
  assertEquals(mine, theirs);
  assertEquals(mine.count, 5);
  assertEquals(mine.labels, [0, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
  assertEquals(mine.models["deep-cnn"].correct, 5);

  await other.delete(legacy[3].id, legacy[3].deleteToken);
  await f.store.add(drawing(7, 70));
  f.clock.now += 87 * 86_400_000; // labels 4 and 5 are past their time
  const { counted, listed } = await countedAndListed(
    new DrawingStore(f.kv, { now: () => f.clock.now }),
  );
  assertEquals(counted, listed);
  assertEquals(listed.labels, [0, 1, 1, 0, 0, 0, 0, 1, 0, 0]);
});
