/**
 * Tests of `lib/mnist/embedded.ts`.
 *
 * @module
 */

import { assertEquals, assertStrictEquals } from "@std/assert";
import { testImages } from "../../../lib/mnist/embedded.ts";

Deno.test("testImages() loads the 10,000 test images as bytes once", async () => {
  const first = testImages();
  assertStrictEquals(testImages(), first);
  const { images, labels } = await first;
  assertEquals(images.shape, [10000, 784]);
  assertEquals(images.data instanceof Uint8Array, true);
  assertEquals([labels.length, labels[11]], [10000, 6]);
});
