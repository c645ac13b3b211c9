/**
 * deno run -P=serve scripts/bench/drawings.ts [--drawings 10000] [--rounds 5]:
 * what readers' drawings cost in Deno KV on a local SQLite file (under the
 * git-ignored data/ folder, removed afterwards): 50 concurrent writes and
 * deletes (store only), 50 whole POST /api/drawings requests with both
 * models, the file's size per drawing, and the stats — on an instance that
 * has read them before, and on a new one. Prints a Markdown table.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { DrawingStore } from "../../lib/drawings/mod.ts";
import { testImages } from "../../lib/mnist/mod.ts";
import { ModelRegistry } from "../../lib/runtime/mod.ts";
import { row } from "../../lib/tensor.ts";
import { createApp } from "../../routes/app.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    drawings: { type: "string", default: "10000" },
    rounds: { type: "string", default: "5" },
  },
});
const total = Number(values.drawings);
const rounds = Number(values.rounds);
const { images, labels } = await testImages();

function median(xs: number[]): number {
  const sorted = xs.toSorted((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Test image i as a drawing with made-up answers (the store does not check them). */
function drawing(i: number) {
  const index = i % labels.length;
  const answer = (digit: number) => ({
    digit,
    probabilities: Array.from(
      { length: 10 },
      (_, d) => d === digit ? 0.9 : 0.01,
    ),
  });
  return {
    pixels: new Uint8Array(row(images, index)),
    label: labels[index],
    predictions: {
      mlp: answer(labels[index]),
      "deep-cnn": answer(labels[index]),
    },
  };
}

async function fileSize(path: string): Promise<number> {
  let bytes = 0;
  for (const suffix of ["", "-wal", "-shm"]) {
    bytes += await Deno.stat(path + suffix).then((s) => s.size, () => 0);
  }
  return bytes;
}

/** Milliseconds that `work` takes, the median of `rounds` runs on a KV file of each. */
async function timed(
  folder: string,
  work: (kv: Deno.Kv) => Promise<() => Promise<unknown>>,
): Promise<number> {
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const kv = await Deno.openKv(`${folder}/${crypto.randomUUID()}.sqlite3`);
    try {
      const run = await work(kv);
      const start = performance.now();
      await run();
      ms.push(performance.now() - start);
    } finally {
      kv.close();
    }
  }
  return median(ms);
}

/** 50 concurrent POST /api/drawings in process, both models reading each. */
async function postMs(folder: string): Promise<number> {
  const models = new ModelRegistry();
  await Promise.all(models.names.map((name) => models.get(name)));
  const bodies = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({
      pixels: Array.from(drawing(i).pixels, (b) => b / 255),
      label: drawing(i).label,
      consent: true,
    }));
  const ms = await timed(folder, (kv) => {
    const app = createApp({
      models,
      drawings: { store: new DrawingStore(kv), writesPerMinute: 0 },
    });
    return Promise.resolve(async () => {
      const answers = await Promise.all(bodies.map(async (body) => {
        const response = await app.request("/api/drawings", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        await response.body?.cancel();
        return response.status;
      }));
      if (answers.some((status) => status !== 201)) {
        throw new Error(`POST /api/drawings answered ${answers}`);
      }
    });
  });
  await models.close();
  return ms;
}

/** `total` drawings written 50 at a time: drawings/s, and the file's bytes. */
async function fill(path: string): Promise<[number, number]> {
  const kv = await Deno.openKv(path);
  const store = new DrawingStore(kv, { maxDrawings: total });
  const start = performance.now();
  for (let i = 0; i < total; i += 50) {
    await Promise.all(
      Array.from(
        { length: Math.min(50, total - i) },
        (_, k) => store.add(drawing(i + k)),
      ),
    );
  }
  const perSecond = total / ((performance.now() - start) / 1000);
  kv.close();
  return [perSecond, await fileSize(path)];
}

/** The stats of `total` drawings: read by a new instance, then again by it. */
async function statsMs(path: string): Promise<[number, number]> {
  const kv = await Deno.openKv(path);
  const first: number[] = [];
  const again: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const store = new DrawingStore(kv);
    for (const ms of [first, again]) {
      const start = performance.now();
      const { count } = await store.stats();
      ms.push(performance.now() - start);
      if (count !== total) throw new Error(`counted ${count}`);
    }
  }
  kv.close();
  return [median(first), median(again)];
}

const folder = `data/bench-${crypto.randomUUID()}`;
await Deno.mkdir(folder, { recursive: true });
const rows: [string, string][] = [];
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
try {
  const addMs = await timed(folder, (kv) => {
    const store = new DrawingStore(kv);
    return Promise.resolve(() =>
      Promise.all(Array.from({ length: 50 }, (_, i) => store.add(drawing(i))))
    );
  });
  rows.push([
    "50 concurrent `DrawingStore.add()` (one atomic commit each)",
    ms(addMs),
  ]);
  const deleteMs = await timed(folder, async (kv) => {
    const store = new DrawingStore(kv);
    const made: { drawing: { id: string }; deleteToken: string }[] = [];
    for (let i = 0; i < 50; i++) made.push(await store.add(drawing(i)));
    return () =>
      Promise.all(
        made.map(({ drawing, deleteToken }) =>
          store.delete(drawing.id, deleteToken)
        ),
      );
  });
  rows.push(["50 concurrent `DrawingStore.delete()`", ms(deleteMs)]);
  rows.push([
    "50 concurrent `POST /api/drawings` in process (both models read each)",
    ms(await postMs(folder)),
  ]);

  const path = `${folder}/size.sqlite3`;
  const [perSecond, bytes] = await fill(path);
  const count = total.toLocaleString("en-US");
  rows.push([
    `${count} drawings written 50 at a time`,
    `${perSecond.toFixed(0)} drawings/s`,
  ]);
  rows.push([
    "KV file (SQLite, with its WAL) per drawing",
    `${(bytes / total / 1024).toFixed(2)} KiB (${
      (bytes / 2 ** 20).toFixed(1)
    } MiB in all)`,
  ]);
  const [first, again] = await statsMs(path);
  rows.push([`\`stats()\` of ${count} drawings, a new instance`, ms(first)]);
  rows.push([`\`stats()\` of ${count} drawings, read again`, ms(again)]);
} finally {
  await Deno.remove(folder, { recursive: true });
}

console.log(`| what (median of ${rounds}) | figure |\n| --- | --- |`);
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
