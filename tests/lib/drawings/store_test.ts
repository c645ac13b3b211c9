import {
  assert,
  assertEquals,
  assertNotEquals,
  assertRejects,
} from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import {
  DrawingStore,
  type DrawingStoreOptions,
} from "../../../lib/drawings/store.ts";
import type { NewDrawing } from "../../../lib/drawings/_record.ts";
import { hashToken } from "../../../lib/drawings/token.ts";

const DAY = 24 * 3600 * 1000;

/** A drawing whose pixels carry `seed`, read as `mlp` and `cnn` by the two models. */
function drawing(
  label: number,
  mlp = label,
  cnn = label,
  seed = 0,
): NewDrawing {
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
    predictions: { mlp: answer(mlp), "deep-cnn": answer(cnn) },
  };
}

/** A store on a fresh in-memory KV with a clock the test moves. */
async function fixture(options: DrawingStoreOptions = {}) {
  const kv = await Deno.openKv(":memory:");
  const clock = { now: Date.UTC(2026, 0, 1) };
  const store = new DrawingStore(kv, { now: () => clock.now, ...options });
  return { kv, clock, store, [Symbol.dispose]: () => kv.close() };
}

/** Every key of the drawings in the KV database: records and index entries, not counters. */
async function allKeys(kv: Deno.Kv): Promise<Deno.KvKey[]> {
  const keys: Deno.KvKey[] = [];
  for await (const { key } of kv.list({ prefix: [] })) {
    if (!/^drawings_(counts|meta)$/.test(String(key[0]))) keys.push(key);
  }
  return keys;
}

Deno.test("DrawingStore.add() writes the drawing and its three index entries, and get() reads it back", async () => {
  using f = await fixture();
  const { drawing: stored, deleteToken } = await f.store.add(
    drawing(7, 1, 7, 5),
  );
  assertEquals(stored.label, 7);
  assertEquals(stored.createdAt, f.clock.now);
  assertEquals(stored.expiresAt, f.clock.now + 90 * DAY);
  assert(deleteToken.length >= 40);
  const keys = await allKeys(f.kv);
  assertEquals(keys.length, 4);
  assertEquals(
    new Set(keys.map((key) => key[0])),
    new Set([
      "drawings",
      "drawings_by_time",
      "drawings_by_label",
      "drawings_by_expiry",
    ]),
  );
  const read = await f.store.get(stored.id);
  assertEquals(read, stored);
  assertEquals(read?.pixels, drawing(7, 1, 7, 5).pixels);
  assertEquals(read?.predictions.mlp.digit, 1);
  assertEquals(await f.store.get(crypto.randomUUID()), null);
  const raw = await f.kv.get<Record<string, unknown>>(["drawings", stored.id]);
  assert(!("pixels" in raw.value!), "pixels are kept compressed");
  assert((raw.value!.deflated as Uint8Array).length < 100);
});

Deno.test("DrawingStore keeps only a hash of the delete token, and never gives the hash back", async () => {
  using f = await fixture();
  const { drawing: stored, deleteToken } = await f.store.add(drawing(3));
  const raw = await f.kv.get<Record<string, unknown>>(["drawings", stored.id]);
  assertEquals(raw.value?.tokenHash, await hashToken(deleteToken));
  for await (const { value } of f.kv.list({ prefix: [] })) {
    if (value instanceof Deno.KvU64) continue;
    const text = JSON.stringify(
      value,
      (_, v) => v instanceof Uint8Array ? [...v] : v,
    );
    assert(!text.includes(deleteToken), "the token itself is stored");
  }
  assert(!("tokenHash" in (await f.store.get(stored.id))!));
  const page = await f.store.list();
  assert(!("tokenHash" in page.drawings[0]));
});

Deno.test("DrawingStore.delete() needs the drawing's own token: 403 otherwise, then 404 once gone", async () => {
  using f = await fixture();
  const first = await f.store.add(drawing(3));
  const second = await f.store.add(drawing(4));
  const error = await assertRejects(
    () => f.store.delete(first.drawing.id, second.deleteToken),
    ClientError,
    "Wrong delete token",
  );
  assertEquals(error.status, 403);
  await assertRejects(() => f.store.delete(first.drawing.id, ""), ClientError);
  assertNotEquals(await f.store.get(first.drawing.id), null);
  await f.store.delete(first.drawing.id, first.deleteToken);
  assertEquals(await f.store.get(first.drawing.id), null);
  const gone = await assertRejects(
    () => f.store.delete(first.drawing.id, first.deleteToken),
    ClientError,
  );
  assertEquals(gone.status, 404);
  assertEquals(
    (await allKeys(f.kv)).length,
    4,
    "the other drawing's keys stay",
  );
  assertEquals((await f.store.stats()).count, 1);
});

Deno.test("DrawingStore.list() pages newest first, by label or all, and the cursors cover everything once", async () => {
  using f = await fixture();
  const ids: string[] = [];
  for (let i = 0; i < 25; i++) {
    f.clock.now += 1000;
    ids.push((await f.store.add(drawing(i % 3, i % 3, i % 3, i))).drawing.id);
  }
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await f.store.list({ limit: 7, cursor });
    assert(page.drawings.length <= 7);
    seen.push(...page.drawings.map((d) => d.id));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  assertEquals(seen, ids.toReversed());

  const twos = await f.store.list({ label: 2, limit: 100 });
  assertEquals(
    twos.drawings.map((d) => d.id),
    ids.filter((_, i) => i % 3 === 2).toReversed(),
  );
  assertEquals(twos.cursor, null);
  const exact = await f.store.list({ label: 0, limit: 9 });
  assertEquals(exact.drawings.length, 9);
  assertEquals(
    exact.cursor,
    null,
    "no empty last page when the count is exact",
  );

  const bad = await assertRejects(
    () => f.store.list({ cursor: "not-a-cursor" }),
    ClientError,
  );
  assertEquals(bad.status, 400);
});

Deno.test("DrawingStore.stats() counts labels and each model's answers into accuracy and confusion", async () => {
  using f = await fixture();
  assertEquals(await f.store.stats(["mlp", "deep-cnn"]), {
    count: 0,
    labels: Array(10).fill(0),
    models: Object.fromEntries(
      ["mlp", "deep-cnn"].map((name) => [name, {
        count: 0,
        correct: 0,
        accuracy: null,
        confusion: Array.from({ length: 10 }, () => Array(10).fill(0)),
      }]),
    ),
  });
  await f.store.add(drawing(7, 1, 7)); // the MLP misreads a 7 as 1
  await f.store.add(drawing(7, 7, 7));
  await f.store.add(drawing(4, 9, 9));
  const { drawing: gone, deleteToken } = await f.store.add(drawing(2, 2, 2));
  await f.store.delete(gone.id, deleteToken);
  const stats = await f.store.stats();
  assertEquals(stats.count, 3);
  assertEquals(stats.labels, [0, 0, 0, 0, 1, 0, 0, 2, 0, 0]);
  assertEquals(stats.models.mlp.correct, 1);
  assertEquals(stats.models.mlp.accuracy, 1 / 3);
  assertEquals(stats.models.mlp.confusion[7][1], 1);
  assertEquals(stats.models.mlp.confusion[4][9], 1);
  assertEquals(stats.models["deep-cnn"].correct, 2);
  assertEquals(stats.models["deep-cnn"].confusion[7][7], 2);
});

Deno.test("DrawingStore stats read from KV agree with the running counts (a second instance on the same KV)", async () => {
  using f = await fixture();
  for (let i = 0; i < 12; i++) await f.store.add(drawing(i % 10, (i * 3) % 10));
  const other = new DrawingStore(f.kv, { now: () => f.clock.now });
  assertEquals(await other.stats(), await f.store.stats());
});

Deno.test("DrawingStore: 50 concurrent writers each find their drawing once, and the stats add up", async () => {
  using f = await fixture({ now: Date.now });
  const written = await Promise.all(
    Array.from(
      { length: 50 },
      (_, i) =>
        f.store.add(
          drawing(i % 10, (i + (i % 4 === 0 ? 1 : 0)) % 10, i % 10, i),
        ),
    ),
  );
  const ids = written.map(({ drawing }) => drawing.id);
  assertEquals(new Set(ids).size, 50);
  const listed = (await f.store.list({ limit: 100 })).drawings.map((d) => d.id);
  assertEquals(listed.length, 50);
  assertEquals(new Set(listed), new Set(ids));
  const stats = await f.store.stats();
  assertEquals(stats.count, 50);
  assertEquals(stats.labels, Array(10).fill(5));
  assertEquals(stats.models.mlp.correct, 50 - 13);
  assertEquals(stats.models["deep-cnn"].correct, 50);
  const fresh = await new DrawingStore(f.kv).stats();
  assertEquals(fresh, stats);
  assertEquals((await allKeys(f.kv)).length, 200);
});

Deno.test("DrawingStore forgets drawings past the retention period at once, and deletes them, counted out, at the next stats or write", async () => {
  using f = await fixture({ retentionMs: DAY });
  const old = await f.store.add(drawing(1));
  f.clock.now += DAY / 2;
  const young = await f.store.add(drawing(2));
  f.clock.now += DAY / 2 + 1;
  assertEquals(await f.store.get(old.drawing.id), null);
  assertEquals(
    (await f.store.list()).drawings.map((d) => d.id),
    [young.drawing.id],
  );
  const all = [];
  for await (const d of f.store.all()) all.push(d.id);
  assertEquals(all, [young.drawing.id]);
  await assertRejects(
    () => f.store.delete(old.drawing.id, old.deleteToken),
    ClientError,
    "expired",
  );
  assertEquals((await allKeys(f.kv)).length, 8, "kept until swept");
  const stats = await f.store.stats();
  assertEquals([stats.count, stats.labels[1], stats.labels[2]], [1, 0, 1]);
  assertEquals((await allKeys(f.kv)).length, 4, "the old one's keys are gone");

  f.clock.now += DAY;
  await f.store.add(drawing(3)); // a write sweeps too
  assertEquals((await allKeys(f.kv)).length, 4);
  assertEquals((await f.store.stats()).labels, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
});

Deno.test("DrawingStore keeps at most maxDrawings: the oldest go first", async () => {
  using f = await fixture({ maxDrawings: 5 });
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    f.clock.now += 10;
    ids.push((await f.store.add(drawing(i, i, i, i))).drawing.id);
  }
  const listed = (await f.store.list({ limit: 100 })).drawings.map((d) => d.id);
  assertEquals(listed, ids.slice(3).toReversed());
  assertEquals((await f.store.stats()).count, 5);
  assertEquals((await allKeys(f.kv)).length, 20);
  assertEquals(await f.store.get(ids[0]), null);
});

Deno.test("DrawingStore.all() gives every drawing oldest first, across its batches", async () => {
  using f = await fixture();
  const ids: string[] = [];
  for (let i = 0; i < 130; i++) {
    f.clock.now += 1;
    ids.push(
      (await f.store.add(drawing(i % 10, i % 10, i % 10, i))).drawing.id,
    );
  }
  const all = [];
  for await (const d of f.store.all()) all.push(d.id);
  assertEquals(all, ids);
});

const errorCases: [string, NewDrawing, ErrorConstructor][] = [
  ["783 pixels", { ...drawing(1), pixels: new Uint8Array(783) }, TypeError],
  ["label 10", { ...drawing(1), label: 10 }, RangeError],
  ["label -1", { ...drawing(1), label: -1 }, RangeError],
  ["label 2.5", { ...drawing(1), label: 2.5 }, RangeError],
];

for (const [name, input, ErrorClass] of errorCases) {
  Deno.test(`DrawingStore.add() refuses ${name} and stores nothing`, async () => {
    using f = await fixture();
    await assertRejects(() => f.store.add(input), ErrorClass);
    assertEquals((await allKeys(f.kv)).length, 0);
  });
}
