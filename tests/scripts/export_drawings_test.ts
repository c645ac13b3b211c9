import { assertEquals, assertMatch } from "@std/assert";
import { DrawingStore, EXPORT_FILES } from "../../lib/drawings/mod.ts";
import { parseIdx } from "../../lib/mnist/mod.ts";
import { exportDrawings } from "../../scripts/export_drawings.ts";

/** Stores `n` drawings (label i % 10, pixel i lit) one millisecond apart. */
async function fill(store: DrawingStore, n: number) {
  for (let i = 0; i < n; i++) {
    const pixels = new Uint8Array(784);
    pixels[i] = 255;
    pixels[783 - i] = i;
    await store.add({
      pixels,
      label: i % 10,
      predictions: {
        mlp: { digit: i % 10, probabilities: Array(10).fill(0.1) },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Reads the two exported files with the project's IDX reader. */
async function readBack(out: string) {
  const images = parseIdx(
    await Deno.readFile(`${out}/${EXPORT_FILES.images}`),
    EXPORT_FILES.images,
  );
  const labels = parseIdx(
    await Deno.readFile(`${out}/${EXPORT_FILES.labels}`),
    EXPORT_FILES.labels,
  );
  return { images, labels };
}

Deno.test("exportDrawings() writes the store as MNIST IDX files, oldest first, that parseIdx() reads back", async () => {
  const kv = await Deno.openKv(":memory:");
  const out = await Deno.makeTempDir();
  try {
    const store = new DrawingStore(kv);
    await fill(store, 12);
    const { count } = await exportDrawings(store, `${out}/nested`);
    assertEquals(count, 12);
    const { images, labels } = await readBack(`${out}/nested`);
    assertEquals(images.shape, [12, 28, 28]);
    assertEquals(
      [...labels.data],
      Array.from({ length: 12 }, (_, i) => i % 10),
    );
    for (let i = 0; i < 12; i++) {
      const image = images.data.subarray(i * 784, (i + 1) * 784);
      assertEquals(image[i], 255);
      assertEquals(image[783 - i], i);
    }
  } finally {
    kv.close();
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("deno task export-drawings --out DIR reads the KV file of KV_PATH", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/drawings.sqlite3`;
    const kv = await Deno.openKv(path);
    await fill(new DrawingStore(kv), 3);
    kv.close();
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", "export-drawings", "--out", `${dir}/out`],
      cwd: new URL("../..", import.meta.url).pathname,
      env: { KV_PATH: path },
    }).output();
    const said = new TextDecoder().decode(stdout);
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    assertMatch(said, /^3 drawings → /);
    const { images, labels } = await readBack(`${dir}/out`);
    assertEquals(images.shape, [3, 28, 28]);
    assertEquals([...labels.data], [0, 1, 2]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
