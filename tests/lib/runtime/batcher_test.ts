/**
 * Tests of `lib/runtime/batcher.ts`: the batcher, then the work clock.
 *
 * @module
 */

import {
  assertAlmostEquals,
  assertEquals,
  assertRejects,
  assertThrows,
} from "@std/assert";
import {
  batchingFromEnv,
  type BatchingOptions,
  createBatcher,
  createWorkClock,
} from "../../../lib/runtime/batcher.ts";
import { ServerBusy } from "../../../lib/errors.ts";
import type { Prediction, Session } from "../../../lib/infer/mod.ts";
import {
  pixelRows,
  type Pixels,
  pixelsFromFloats,
} from "../../../lib/input/mod.ts";
import { mlpSession, testPixels } from "../../_data.ts";

/** A session that records the number of images of each run, then delegates. */
function spy(
  session: Session,
): Session & { runs: number[] } {
  const runs: number[] = [];
  return {
    ...session,
    runs,
    predict(pixels: Pixels, extra?: readonly string[]) {
      runs.push(pixels.shape[0]);
      return session.predict(pixels, extra);
    },
  };
}

/**
 * A session that answers digit = first pixel × 10 for each image, and whose
 * run fails when an image of the batch has the digit `failOn`.
 */
function fakeSession(failOn = -1): Session & { runs: number[] } {
  const runs: number[] = [];
  return {
    name: "fake",
    inputNames: ["x"],
    outputNames: ["y"],
    runs,
    predict(pixels: Pixels): Promise<Prediction> {
      const data = pixels.data;
      const n = data.length / 784;
      runs.push(n);
      const probabilities = new Float32Array(n * 10);
      const digits = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        digits[i] = Math.round(data[i * 784] * 10);
        probabilities[i * 10 + digits[i]] = 1;
      }
      if (digits.includes(failOn)) {
        return Promise.reject(new Error("session.run failed"));
      }
      return Promise.resolve({
        probabilities: { data: probabilities, shape: [n, 10] },
        digits,
        outputs: {},
      });
    },
    release: () => Promise.resolve(),
  };
}

/** One image whose first pixel is digit / 10 (the fake session's answer). */
function image(digit: number): Pixels {
  const pixels = new Float32Array(784);
  pixels[0] = digit / 10;
  return pixelsFromFloats(pixels);
}

Deno.test("createBatcher() runs 32 concurrent single images as one session run", async () => {
  const session = spy(await mlpSession());
  const batcher = createBatcher({ session, windowMs: 5 });
  const images = await testPixels();
  const results = await Promise.all(
    Array.from(
      { length: 32 },
      (_, i) => batcher.predict(pixelRows(images, i, i + 1)),
    ),
  );
  assertEquals(session.runs, [32]);
  assertEquals(results.length, 32);
  assertEquals(batcher.enabled, true);
  assertEquals(batcher.stats(), { runs: 1, images: 32 });
});

Deno.test("createBatcher() gives each caller its own rows, as direct runs do", async () => {
  const direct = await mlpSession();
  const batcher = createBatcher({ session: direct, windowMs: 2 });
  const images = await testPixels();
  // single images and small batches mixed, in one window
  const requests = [
    pixelRows(images, 0, 1),
    pixelRows(images, 1, 4),
    pixelRows(images, 4, 5),
    pixelRows(images, 5, 12),
    pixelRows(images, 12, 13),
  ];
  const batched = await Promise.all(requests.map((r) => batcher.predict(r)));
  for (const [i, request] of requests.entries()) {
    const expected = await direct.predict(request);
    const got = batched[i];
    assertEquals(got.probabilities.shape, [request.shape[0], 10]);
    assertEquals(got.digits, expected.digits);
    assertEquals(got.outputs, {});
    expected.probabilities.data.forEach((p, j) =>
      assertAlmostEquals(got.probabilities.data[j], p, 1e-6)
    );
  }
});

Deno.test("createBatcher() keeps each run within maxBatchSize", async () => {
  const session = fakeSession();
  const batcher = createBatcher({ session, maxBatchSize: 4, windowMs: 5 });
  const digits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
  const results = await Promise.all(
    digits.map((d) => batcher.predict(image(d))),
  );
  assertEquals(session.runs, [4, 4, 2]);
  assertEquals(results.map((r) => r.digits[0]), digits);
});

Deno.test("createBatcher() closes a batch that the next request would overflow", async () => {
  const session = fakeSession();
  const batcher = createBatcher({ session, maxBatchSize: 4, windowMs: 5 });
  const three = pixelsFromFloats(new Float32Array(3 * 784));
  const five = pixelsFromFloats(new Float32Array(5 * 784));
  await Promise.all([
    batcher.predict(three),
    batcher.predict(three),
    batcher.predict(image(1)),
    batcher.predict(five),
  ]);
  // 3, then 3 + 1, then the batch larger than the maximum on its own
  assertEquals(session.runs, [3, 4, 5]);
});

Deno.test("createBatcher() rejects only the callers of the batch whose run failed", async () => {
  const session = fakeSession(9);
  const batcher = createBatcher({ session, maxBatchSize: 2, windowMs: 5 });
  const failed = [batcher.predict(image(1)), batcher.predict(image(9))];
  const fine = [batcher.predict(image(3)), batcher.predict(image(4))];
  for (const call of failed) {
    await assertRejects(() => call, Error, "session.run failed");
  }
  assertEquals((await Promise.all(fine)).map((r) => r.digits[0]), [3, 4]);
  // the batcher goes on after a failed run
  assertEquals((await batcher.predict(image(5))).digits[0], 5);
  assertEquals(session.runs, [2, 2, 1]);
});

Deno.test("createBatcher() by default runs the calls of one event-loop turn together", async () => {
  const session = fakeSession();
  const batcher = createBatcher({ session });
  const first = [1, 2, 3].map((d) => batcher.predict(image(d)));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const later = batcher.predict(image(4));
  await Promise.all([...first, later]);
  assertEquals(session.runs, [3, 1]);
});

Deno.test("createBatcher() by default gathers the calls made during a run into the next run", async () => {
  // a session that computes elsewhere (a worker): each run takes 30 ms
  const inner = fakeSession();
  const session: Session & { runs: number[] } = {
    ...inner,
    predict: (pixels) =>
      new Promise((resolve) => setTimeout(resolve, 30)).then(() =>
        inner.predict(pixels)
      ),
  };
  const batcher = createBatcher({ session });
  const first = batcher.predict(image(1));
  await new Promise((resolve) => setTimeout(resolve, 5)); // the run has started
  const during: Promise<Prediction>[] = [];
  for (const digit of [2, 3, 4]) {
    during.push(batcher.predict(image(digit)));
    await new Promise((resolve) => setTimeout(resolve, 2)); // later turns
  }
  const results = await Promise.all([first, ...during]);
  assertEquals(inner.runs, [1, 3]);
  assertEquals(results.map((r) => r.digits[0]), [1, 2, 3, 4]);
  assertEquals(batcher.stats(), { runs: 2, images: 4 });
});

Deno.test("createBatcher() with a window waits for calls that come later within it", async () => {
  const session = fakeSession();
  const batcher = createBatcher({ session, windowMs: 200 });
  const first = batcher.predict(image(1));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = batcher.predict(image(2));
  const results = await Promise.all([first, second]);
  assertEquals(session.runs, [2]);
  assertEquals(results.map((r) => r.digits[0]), [1, 2]);
});

Deno.test("createBatcher() disabled runs every request on its own", async () => {
  for (const options of [{ maxBatchSize: 1 }, { windowMs: -1 }]) {
    const session = fakeSession();
    const batcher = createBatcher({ session, ...options });
    const results = await Promise.all(
      [1, 2, 3].map((d) => batcher.predict(image(d))),
    );
    assertEquals(batcher.enabled, false);
    assertEquals(session.runs, [1, 1, 1]);
    assertEquals(batcher.stats(), { runs: 3, images: 3 });
    assertEquals(results.map((r) => r.digits[0]), [1, 2, 3]);
  }
});

Deno.test("createBatcher() refuses a maxBatchSize that is not a positive integer", () => {
  const session = fakeSession();
  for (const maxBatchSize of [0, -1, 2.5]) {
    assertThrows(
      () => createBatcher({ session, maxBatchSize }),
      RangeError,
      "maxBatchSize",
    );
  }
  assertThrows(
    () => createBatcher({ session, windowMs: NaN }),
    RangeError,
    "windowMs",
  );
});

Deno.test("batchingFromEnv() reads BATCH_MAX_SIZE and BATCH_WINDOW_MS", () => {
  const cases: [Record<string, string>, BatchingOptions][] = [
    [{}, {}],
    [{ BATCH_MAX_SIZE: "32" }, { maxBatchSize: 32 }],
    [{ BATCH_WINDOW_MS: "-1" }, { windowMs: -1 }],
    [{ BATCH_MAX_SIZE: "1", BATCH_WINDOW_MS: " 2.5 " }, {
      maxBatchSize: 1,
      windowMs: 2.5,
    }],
    [{ BATCH_WINDOW_MS: "" }, {}],
  ];
  for (const [env, expected] of cases) {
    assertEquals(batchingFromEnv((name) => env[name]), expected);
  }
  assertThrows(
    () => batchingFromEnv((name) => ({ BATCH_MAX_SIZE: "lots" })[name]),
    RangeError,
    "BATCH_MAX_SIZE",
  );
});

Deno.test("createWorkClock() learns each model's cost per image from its runs", () => {
  const clock = createWorkClock({ smoothing: 0.5 });
  assertEquals(clock.msPerImage("deep-cnn"), 0);
  clock.observe("deep-cnn", { images: 25, runMs: 50 });
  assertEquals(clock.msPerImage("deep-cnn"), 2);
  clock.observe("deep-cnn", { images: 10, runMs: 40 });
  assertEquals(clock.msPerImage("deep-cnn"), 3); // halfway from 2 to 4
  clock.observe("mlp", { images: 100, runMs: 1 });
  assertAlmostEquals(clock.msPerImage("mlp"), 0.01);
  clock.observe("mlp", { images: 0, runMs: 1 }); // nothing to learn
  assertAlmostEquals(clock.msPerImage("mlp"), 0.01);
});

Deno.test("createWorkClock() refuses work that would end past the limit, with Retry-After", () => {
  const clock = createWorkClock({ limitMs: 1000 });
  clock.observe("deep-cnn", { images: 1, runMs: 2 });
  const first = clock.admit("deep-cnn", 400); // 800 ms
  assertEquals(clock.pendingMs, 800);
  // 200 ms of its own, taking turns with the 800: ends after 400 ms
  const small = clock.admit("deep-cnn", 100);
  assertEquals(clock.pendingMs, 1000);
  // 600 ms of its own: 600 + 600 of the first + 200 of the second > 1000
  const error = assertThrows(
    () => clock.admit("deep-cnn", 300),
    ServerBusy,
    "busy computing other requests (about 1 s of work ahead)",
  );
  assertEquals(error.status, 503);
  assertEquals(error.retryAfterSeconds, 1);
  first();
  first(); // given back once only
  assertEquals(clock.pendingMs, 200);
  small();
  assertEquals(clock.pendingMs, 0);
});

Deno.test("createWorkClock() admits any work that finds the queue empty", () => {
  const clock = createWorkClock({ limitMs: 100 });
  clock.observe("deep-cnn", { images: 1, runMs: 5 });
  const huge = clock.admit("deep-cnn", 1000); // 5 s alone: still admitted
  assertEquals(clock.pendingMs, 5000);
  assertThrows(() => clock.admit("deep-cnn", 20), ServerBusy); // 100 + 100 ms
  clock.observe("mlp", { images: 100, runMs: 1 });
  // a 1000-image MLP batch (10 ms) takes turns with the CNN's pieces: admitted
  const quick = clock.admit("mlp", 1000);
  assertAlmostEquals(clock.pendingMs, 5010);
  quick();
  huge();
  clock.admit("deep-cnn", 1000)();
  assertThrows(() => createWorkClock({ limitMs: 0 }), RangeError);
  assertThrows(() => createWorkClock({ smoothing: 2 }), RangeError);
});
