import { assertEquals, assertRejects } from "@std/assert";
import { drawingsToIdx } from "../../../lib/drawings/export.ts";
import { parseIdx } from "../../../lib/mnist/mod.ts";

function image(seed: number): Uint8Array {
  return Uint8Array.from({ length: 784 }, (_, i) => (i * seed) % 256);
}

Deno.test("drawingsToIdx() writes files that parseIdx() reads back as N×28×28 images and N labels", async () => {
  const drawings = [3, 1, 4, 1, 5].map((label, i) => ({
    label,
    pixels: image(i + 1),
  }));
  async function* stream() {
    yield* drawings;
  }
  const { images, labels, count } = await drawingsToIdx(stream());
  assertEquals(count, 5);
  const readImages = parseIdx(images, "images");
  const readLabels = parseIdx(labels, "labels");
  assertEquals(readImages.shape, [5, 28, 28]);
  assertEquals(readLabels.shape, [5]);
  assertEquals([...readLabels.data], [3, 1, 4, 1, 5]);
  drawings.forEach((d, i) =>
    assertEquals(readImages.data.subarray(i * 784, (i + 1) * 784), d.pixels)
  );
  assertEquals([...images.subarray(0, 4)], [0, 0, 8, 3]);
});

Deno.test("drawingsToIdx() of no drawings writes empty but valid files", async () => {
  const { images, labels } = await drawingsToIdx([]);
  assertEquals(parseIdx(images, "images").shape, [0, 28, 28]);
  assertEquals(parseIdx(labels, "labels").shape, [0]);
});

Deno.test("drawingsToIdx() refuses a drawing that is not 784 bytes or a label not 0–9", async () => {
  await assertRejects(
    () => drawingsToIdx([{ label: 1, pixels: new Uint8Array(10) }]),
    RangeError,
    "784 bytes",
  );
  await assertRejects(
    () => drawingsToIdx([{ label: 10, pixels: new Uint8Array(784) }]),
    RangeError,
    "label 10",
  );
});
