/**
 * Tests of `lib/mnist/embedded.ts`.
 *
 * @module
 */

import { assertEquals, assertRejects, assertStrictEquals } from "@std/assert";
import { testImageRows, testImages } from "../../../lib/mnist/embedded.ts";

Deno.test("testImages() loads the 10,000 test images as bytes once", async () => {
  const first = testImages();
  assertStrictEquals(testImages(), first);
  const { images, labels } = await first;
  assertEquals(images.shape, [10000, 784]);
  assertEquals(images.data instanceof Uint8Array, true);
  assertEquals([labels.length, labels[11]], [10000, 6]);
});

Deno.test("testImageRows() reads the images asked for, as the test set holds them", async () => {
  const { images, labels } = await testImages();
  const indices = [11, 0, 9999, 11];
  const rows = await testImageRows(indices);
  assertEquals(rows.labels, indices.map((i) => labels[i]));
  indices.forEach((index, i) =>
    assertEquals(
      rows.images[i],
      images.data.subarray(index * 784, (index + 1) * 784),
    )
  );
  await assertRejects(
    () => testImageRows([10000]),
    RangeError,
    "No test image 10000",
  );
  await assertRejects(
    () => testImageRows([-1]),
    RangeError,
    "No test image -1",
  );
});
