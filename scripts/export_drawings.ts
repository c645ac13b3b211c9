/**
 * deno task export-drawings [--out DIR]: readers' drawings from the KV store
 * (KV_PATH, as deno task start uses it) → DIR/drawings-images-idx3-ubyte and
 * DIR/drawings-labels-idx1-ubyte, oldest first, in MNIST's IDX format.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  drawingsToIdx,
  DrawingStore,
  EXPORT_FILES,
  openDrawingsKv,
} from "../lib/drawings/mod.ts";

/** The folder written when --out is not given. */
export const DEFAULT_OUT = "data/export";

/** Writes the store's drawings as two IDX files in `out`; returns how many. */
export async function exportDrawings(
  store: DrawingStore,
  out: string,
): Promise<{ count: number; files: string[] }> {
  const { images, labels, count } = await drawingsToIdx(store.all());
  await Deno.mkdir(out, { recursive: true });
  const files = [
    `${out}/${EXPORT_FILES.images}`,
    `${out}/${EXPORT_FILES.labels}`,
  ];
  await Deno.writeFile(files[0], images);
  await Deno.writeFile(files[1], labels);
  return { count, files };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { out: { type: "string", default: DEFAULT_OUT } },
  });
  const kv = await openDrawingsKv((name) => Deno.env.get(name));
  try {
    const { count, files } = await exportDrawings(
      new DrawingStore(kv),
      values.out.replace(/(.)\/+$/, "$1"),
    );
    console.log(`${count} drawings → ${files.join(", ")}`);
  } finally {
    kv.close();
  }
}
