/**
 * deno run -P=serve scripts/bench/drawings.ts [--drawings 10000] [--rounds 5]:
 * what readers' drawings cost in Deno KV on a local SQLite file (under the
 * git-ignored data/ folder, removed afterwards): 50 concurrent writes (store
 * only, and whole POST /api/drawings requests with both models), the file's
 * size per drawing, and reading the counts back (the scan a new instance does).
 * Prints a Markdown table.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { DrawingStore } from "../../lib/drawings/store.ts";
import { testImages } from "../../lib/mnist/embedded.ts";
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

const folder = `data/bench-${crypto.randomUUID()}`;
await Deno.mkdir(folder, { recursive: true });
const rows: [string, string][] = [];
try {
  // 50 concurrent writes to the store alone
  const storeMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const kv = await Deno.openKv(`${folder}/concurrent-${r}.sqlite3`);
    const store = new DrawingStore(kv);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.add(drawing(i))),
    );
    storeMs.push(performance.now() - start);
    kv.close();
  }
  rows.push([
    "50 concurrent `DrawingStore.add()` (one atomic commit each)",
    `${median(storeMs).toFixed(0)} ms`,
  ]);

  // 50 concurrent POST /api/drawings in process, both models reading each
  const models = new ModelRegistry();
  await Promise.all(models.names.map((name) => models.get(name)));
  const apiMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const kv = await Deno.openKv(`${folder}/api-${r}.sqlite3`);
    const app = createApp({
      models,
      drawings: { store: new DrawingStore(kv), writesPerMinute: 0 },
    });
    const bodies = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        pixels: Array.from(drawing(i).pixels, (b) => b / 255),
        label: drawing(i).label,
        consent: true,
      }));
    const start = performance.now();
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const response = await app.request("/api/drawings", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        await response.body?.cancel();
        return response.status;
      }),
    );
    apiMs.push(performance.now() - start);
    if (answers.some((status) => status !== 201)) {
      throw new Error(`POST /api/drawings answered ${answers}`);
    }
    kv.close();
  }
  await models.close();
  rows.push([
    "50 concurrent `POST /api/drawings` in process (both models read each)",
    `${median(apiMs).toFixed(0)} ms`,
  ]);

  // the file's size per drawing, and the scan of a fresh instance
  const path = `${folder}/size.sqlite3`;
  let kv = await Deno.openKv(path);
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
  const writeSeconds = (performance.now() - start) / 1000;
  kv.close();
  const bytes = await fileSize(path);
  rows.push([
    `${total.toLocaleString("en-US")} drawings written 50 at a time`,
    `${(total / writeSeconds).toFixed(0)} drawings/s`,
  ]);
  rows.push([
    "KV file (SQLite, with its WAL) per drawing",
    `${(bytes / total / 1024).toFixed(2)} KiB (${
      (bytes / 2 ** 20).toFixed(1)
    } MiB in all)`,
  ]);
  const scanMs: number[] = [];
  kv = await Deno.openKv(path);
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const stats = await new DrawingStore(kv).stats();
    scanMs.push(performance.now() - start);
    if (stats.count !== total) throw new Error(`counted ${stats.count}`);
  }
  kv.close();
  rows.push([
    `counts read back by a new instance (a scan of ${
      total.toLocaleString("en-US")
    } index entries)`,
    `${median(scanMs).toFixed(0)} ms`,
  ]);
} finally {
  await Deno.remove(folder, { recursive: true });
}

console.log(`| what (median of ${rounds}) | figure |\n| --- | --- |`);
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
