/**
 * Tests of `lib/runtime/worker_session.ts`: sessions whose runs go to the
 * inference worker give exactly what a session on this thread gives.
 *
 * @module
 */

import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertRejects,
} from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import { pixelRows } from "../../../lib/input/mod.ts";
import {
  openModelInWorker,
  spareInputs,
} from "../../../lib/runtime/worker_session.ts";
import { heldSessions } from "../../_worker.ts";
import {
  BOOK_IMAGE_11,
  mlpSession,
  testImages,
  testPixel,
  testPixels,
} from "../../_data.ts";

Deno.test("a worker session gives the book's probabilities for test image 11", async () => {
  const session = await openModelInWorker("mlp");
  const { probabilities, digits } = await session.predict(await testPixel(11));
  assertEquals(digits, Uint8Array.of(6));
  BOOK_IMAGE_11.forEach((p, i) =>
    assertAlmostEquals(probabilities.data[i], p, 1e-6)
  );
  await session.release();
});

Deno.test("a worker session's answers equal this thread's bit for bit, hidden outputs too", async () => {
  const session = await openModelInWorker("mlp");
  const local = await mlpSession();
  const images = pixelRows(await testPixels(), 100, 400);
  const there = await session.predict(images, ["a1", "z2"]);
  const here = await local.predict(images, ["a1", "z2"]);
  assertEquals(there.digits, here.digits);
  assertEquals(there.probabilities, here.probabilities);
  assertEquals(there.outputs, here.outputs);
  // a view into the 10,000 images was sent: only its rows went over
  assertEquals(there.probabilities.shape, [300, 10]);
  await session.release();
});

Deno.test("the DeepConvNet in the worker reads the first 200 test digits as the book's network does", async () => {
  const [, cnn] = heldSessions;
  const [, labels] = await testImages();
  const { digits } = await cnn.predict(pixelRows(await testPixels(), 0, 200));
  const correct = digits.filter((d, i) => d === labels.data[i]).length;
  // the DeepConvNet gets 99.35% of the test set: at most a couple of misses here
  assertEquals(correct >= 198, true, `${correct} of 200`);
});

Deno.test("the worker gives each run's input buffer back, and the next run of that size uses it again, with its own rows", async () => {
  const session = await openModelInWorker("mlp");
  const local = await mlpSession();
  const pixels = await testPixels();
  const before = spareInputs().buffers;
  for (let start = 0; start < 500; start += 100) {
    const rows = pixelRows(pixels, start, start + 100);
    const there = await session.predict(rows);
    assertEquals(there.digits, (await local.predict(rows)).digits);
  }
  // five runs of 100 images, at most one buffer more (none if an earlier
  // test left one of that size): a new one for each run would be five
  const added = spareInputs().buffers - before;
  assert(added <= 1, `${added} buffers kept for five runs of one size`);
  assertEquals(spareInputs().lengths.at(-1), 100 * 784, "kept, used last");
  await session.release();
});

Deno.test("the inputs kept for reuse stay under 4 MiB, the lengths used least lately let go first", async () => {
  const session = await openModelInWorker("mlp");
  const pixels = await testPixels();
  // runs of 1 to 60 images: 5.7 MB of inputs, more than is kept
  for (let n = 1; n <= 60; n++) {
    await session.predict(pixelRows(pixels, 0, n));
    assert(spareInputs().bytes <= 4 * 2 ** 20, `${spareInputs().bytes} bytes`);
  }
  const { lengths } = spareInputs();
  assertEquals(lengths.at(-1), 60 * 784, "the last run's input kept");
  assert(!lengths.includes(784), "the first run's let go");
  await session.predict(pixelRows(pixels, 0, 100));
  assertEquals(spareInputs().lengths.at(-1), 100 * 784);
  assert(spareInputs().bytes <= 4 * 2 ** 20);
  await session.release();
});

Deno.test("concurrent runs in the worker each get their own rows", async () => {
  const [mlp] = heldSessions;
  const images = await testPixels();
  const local = await mlpSession();
  const indices = Array.from({ length: 20 }, (_, i) => i * 37);
  const results = await Promise.all(
    indices.map((i) => mlp.predict(pixelRows(images, i, i + 1))),
  );
  const expected = await local.predict(
    pixelRows(images, 0, 1000),
  );
  results.forEach((result, k) =>
    assertEquals(result.digits[0], expected.digits[indices[k]])
  );
});

Deno.test("the worker's refusals arrive as the same ClientError", async () => {
  const [mlp] = heldSessions;
  const error = await assertRejects(
    async () => mlp.predict(pixelRows(await testPixels(), 0, 1), ["nope"]),
    ClientError,
    'Unknown output "nope": model mlp has',
  );
  assertEquals(error.status, 400);
  const missing = await assertRejects(
    () => openModelInWorker("nope"),
    ClientError,
  );
  assertEquals(missing.status, 404);
});

Deno.test("a released session refuses to run, and others of the model go on", async () => {
  const session = await openModelInWorker("mlp");
  await session.release();
  await session.release(); // twice is harmless
  await assertRejects(
    async () => session.predict(await testPixel(0)),
    Error,
    "released",
  );
  const [mlp] = heldSessions;
  assertEquals(
    (await mlp.predict(await testPixel(11))).digits,
    Uint8Array.of(6),
  );
});
