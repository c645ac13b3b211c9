import {
  assert,
  assertEquals,
  assertFalse,
  assertRejects,
  assertThrows,
} from "@std/assert";
import { encode as encodePng } from "fast-png";
import { gzipSync } from "node:zlib";
import { encode as encodeJpeg } from "jpeg-js";
import { DecodePool } from "../../../lib/http/decode.ts";
import {
  decodeImage,
  readPredictJson,
  toMnistInput,
} from "../../../lib/input/mod.ts";
import { workBuffer } from "../../../lib/large_buffer.ts";
import { ClientError, ServerBusy } from "../../../lib/errors.ts";
import { readInferRequest, splitBinaryRequest } from "../../../lib/v2/mod.ts";
import { assertRejectsBusy, assertRejectsClient } from "../../_errors.ts";
import { blackPng } from "../../_images.ts";
import {
  badPictures,
  bar,
  barRgba,
  DECODE_WORKER,
  expectedInput,
  heavy,
  pictureKinds,
  ramp,
  rgba,
  startDecodeWorker,
  watchedPool,
} from "./_decode_fixtures.ts";

Deno.test("DecodePool.mnistInput() decodes every kind decodeImage() decodes, as toMnistInput(decodeImage()) does", async () => {
  const pool = new DecodePool();
  const cases = pictureKinds();
  for (const [name, bytes] of cases) {
    const expected = expectedInput(bytes);
    if (expected instanceof ClientError) {
      await assertRejectsClient(
        () => pool.mnistInput(bytes.slice()),
        expected.status,
        expected.message,
        name,
      );
      continue;
    }
    const input = await pool.mnistInput(bytes.slice());
    assert(input instanceof Float32Array, name);
    assertEquals(input, expected, name);
  }
  pool.close();
});

Deno.test("DecodePool.mnistInput() refuses what decodeImage() refuses, with the same status and message", async () => {
  const pool = new DecodePool();
  const errorCases = badPictures();
  for (const [name, bytes, status] of errorCases) {
    const expected = assertThrows(() => decodeImage(bytes), ClientError);
    assertEquals(expected.status, status, `${name}: ${expected.message}`);
    const error = await assertRejectsClient(
      () => pool.mnistInput(bytes.slice()),
      status,
      expected.message,
      name,
    );
    assertEquals(error.message, expected.message, name);
  }
  await assertRejectsClient(
    () => pool.mnistInput(rgba.slice(), { maxPixels: 62 }),
    413,
    "9×7 pixels is over the limit of 62",
  );
  pool.close();
});

Deno.test("DecodePool.mnistInput() gives the input toMnistInput(decodeImage()) gives, and its no-ink 422", async () => {
  const pool = new DecodePool();
  const cases = [
    bar,
    new Uint8Array(
      encodeJpeg({ width: 60, height: 90, data: barRgba }, 95).data,
    ),
  ];
  for (const bytes of cases) {
    const input = await pool.mnistInput(bytes.slice());
    assert(input instanceof Float32Array);
    assertEquals(input, toMnistInput(decodeImage(bytes)));
  }
  await assertRejectsClient(
    () => pool.mnistInput(blackPng(50, 40)),
    422,
    "nothing was drawn",
  );
  pool.close();
});

Deno.test("DecodePool.readJson() reads a predict body and a V2 infer request as the functions on this thread do, errors included", async () => {
  const pool = new DecodePool();
  const encode = (value: unknown) =>
    new TextEncoder().encode(JSON.stringify(value));
  const images = [ramp(784).map((v) => v / 255), ramp(784, 11)];
  // 0–255 values, scaled here and there alike
  const predict = encode({ batch: images.map((i) => [...i]), scale: 255 });
  const here = readPredictJson(predict);
  const there = await pool.readJson({
    bytes: predict.slice(),
    output: "predict",
  });
  assertEquals([there.pixels, there.single], [here.pixels.data, false]);
  const target = { inputName: "x", outputNames: ["probabilities", "z1"] };
  const infer = encode({
    id: "7",
    inputs: [{
      name: "x",
      shape: [1, 784],
      datatype: "FP32",
      data: [...images[0]].map((v) => v / 255),
    }],
    outputs: [{ name: "z1", parameters: { binary_data: true } }],
  });
  const split = splitBinaryRequest(infer);
  const expected = readInferRequest(split.header, split.inputs[0], target);
  const read = await pool.readJson({
    bytes: infer.slice(),
    output: "infer",
    target,
  });
  assertEquals(read, { ...expected, pixels: expected.pixels.data });
  const cases: [Uint8Array, (bytes: Uint8Array) => unknown][] = [
    [encode({ batch: [[...images[1]]] }), readPredictJson],
    [new TextEncoder().encode('{"pixels": ['), readPredictJson],
    [encode({ inputs: [{ name: "y" }] }), (bytes) => {
      const { header, inputs } = splitBinaryRequest(bytes);
      return readInferRequest(header, inputs[0], target);
    }],
  ];
  for (const [bytes, readHere] of cases) {
    const error = assertThrows(() => readHere(bytes), ClientError);
    const output = readHere === readPredictJson ? "predict" : "infer";
    await assertRejectsClient(
      () => pool.readJson({ bytes: bytes.slice(), output, target } as never),
      error.status,
      error.message,
    );
  }
  pool.close();
});

Deno.test("DecodePool moves a body's buffer to the worker rather than copy it, and copies bytes that share theirs", async () => {
  const pool = new DecodePool();
  const images = Array.from({ length: 300 }, (_, n) => [...ramp(784, n + 1)]);
  const text = new TextEncoder().encode(
    JSON.stringify({ batch: images, scale: 255 }),
  );
  const here = readPredictJson(text);
  // as routes/body.ts gathers a body: a work buffer reserved up to the limit
  const body = () => {
    const buffer = workBuffer(text.length, 12 * 2 ** 20);
    const bytes = new Uint8Array(buffer, 0, text.length);
    bytes.set(text);
    return bytes;
  };
  // bytes in the middle of a larger buffer: copied, the buffer left as it is
  const shared = new Uint8Array(text.length + 16);
  shared.set(text, 16);
  const lent = shared.subarray(16);
  const read = await pool.readJson({ bytes: lent, output: "predict" });
  assertEquals(read.pixels, here.pixels.data);
  assertEquals(shared.buffer.byteLength, text.length + 16, "not moved");
  assertEquals(lent[0], text[0]);
  const given = body();
  const moved = await pool.readJson({ bytes: given, output: "predict" });
  assertEquals(moved.pixels, here.pixels.data);
  assert(given.buffer.detached, "moved to the worker, not copied");
  pool.close();
});

Deno.test("DecodePool.inflate() inflates as inflateBody() does, its 413 and 400 included", async () => {
  const pool = new DecodePool();
  const text = new TextEncoder().encode("[1, 2, 3]".repeat(1000));
  const request = (bytes: Uint8Array, limit: number) => ({
    bytes,
    format: "gzip" as const,
    limit,
    what: "JSON body",
  });
  assertEquals(await pool.inflate(request(gzipSync(text), 10_000)), text);
  await assertRejectsClient(
    () => pool.inflate(request(gzipSync(text), 100)),
    413,
    "The JSON body is over its limit of 100 bytes: send less",
  );
  await assertRejectsClient(
    () => pool.inflate(request(text, 10_000)),
    400,
    "not valid gzip data",
  );
  pool.close();
});

Deno.test("DecodePool replaces the worker after a large picture, and keeps it after a small one", async () => {
  const { pool, started, terminated } = watchedPool({ largePixels: 10_000 });
  const large = encodePng({ width: 100, height: 120, data: ramp(48_000) });
  const expected = expectedInput(large);
  assert(!(expected instanceof ClientError), `${expected}`);
  assertEquals(await pool.mnistInput(large.slice()), expected);
  assertEquals([started.length, terminated.length], [1, 1], "replaced");
  const small = toMnistInput(decodeImage(bar)); // 5400 pixels
  assertEquals(await pool.mnistInput(bar.slice()), small);
  assertEquals(await pool.mnistInput(bar.slice()), small);
  assertEquals([started.length, terminated.length], [2, 1], "kept");
  assertEquals(pool.stats, {
    workers: 1,
    busy: 0,
    queued: 0,
    stopped: 0,
    recycled: 1,
    answered: 3,
  });
  pool.close();
});

Deno.test("DecodePool stops a decode past its time limit: its worker is terminated and replaced, the server busy", async () => {
  const { pool, started, terminated } = watchedPool();
  await pool.mnistInput(bar.slice()); // the worker is up
  assertEquals(started.length, 1);
  const error = await assertRejectsBusy(
    () => pool.mnistInput(heavy.slice(), { timeoutMs: 50 }),
    "took longer than 50 ms and was stopped",
  );
  assertEquals(error.retryAfterSeconds, 1);
  assertEquals(terminated, [started[0]]);
  assertEquals(pool.stats, {
    workers: 0,
    busy: 0,
    queued: 0,
    stopped: 1,
    recycled: 0,
    answered: 1,
  });
  // the next image gets a new worker
  assertEquals(
    await pool.mnistInput(bar.slice()),
    toMnistInput(decodeImage(bar)),
  );
  assertEquals(started.length, 2);
  pool.close();
});

Deno.test("DecodePool does not count a new worker's start-up against the time limit", async () => {
  // a worker that takes 2 s to load before it is the decoding worker
  const slow = "data:application/javascript," + encodeURIComponent(
    `await new Promise((resolve) => setTimeout(resolve, 2000));
     await import(${
      JSON.stringify(
        DECODE_WORKER.href,
      )
    });`,
  );
  const { pool } = watchedPool({}, () => new Worker(slow, { type: "module" }));
  const input = await pool.mnistInput(bar.slice(), { timeoutMs: 1000 });
  assertEquals(input, toMnistInput(decodeImage(bar)));
  pool.close();
});

Deno.test("DecodePool stops a decode when its signal aborts, and never starts one already aborted", async () => {
  const { pool, started, terminated } = watchedPool();
  const controller = new AbortController();
  const decoding = pool.mnistInput(heavy.slice(), {
    signal: controller.signal,
  });
  assertEquals(pool.stats.busy, 1);
  controller.abort();
  await assertRejectsBusy(() => decoding, "cancelled");
  assertEquals(terminated, [started[0]]);
  await assertRejectsBusy(
    () => pool.mnistInput(bar.slice(), { signal: AbortSignal.abort() }),
    "cancelled",
  );
  assertEquals(started.length, 1);
  pool.close();
});

Deno.test("DecodePool answers busy at once when its queue is full", async () => {
  const { pool } = watchedPool({ maxQueue: 1 });
  const first = pool.mnistInput(heavy.slice());
  const second = pool.mnistInput(heavy.slice());
  assertEquals(pool.stats, {
    workers: 1,
    busy: 1,
    queued: 1,
    stopped: 0,
    recycled: 0,
    answered: 0,
  });
  const error = await assertRejectsBusy(
    () => pool.mnistInput(bar.slice()),
    "busy decoding other images",
  );
  assertEquals(error.retryAfterSeconds, 1);
  const ends = Promise.allSettled([first, second]);
  pool.close();
  for (const end of await ends) {
    assertEquals(end.status, "rejected");
    const reason = (end as PromiseRejectedResult).reason;
    assert(reason instanceof ServerBusy, `${reason}`);
  }
  assertEquals(pool.stats.workers, 0);
});

Deno.test("DecodePool replaces a worker that fails, and its failure is a bug (Error), not the client's", async () => {
  const broken = "data:application/javascript," +
    encodeURIComponent(
      'self.onmessage = () => { throw new Error("boom"); }; self.postMessage("ready");',
    );
  let starts = 0;
  const { pool, started } = watchedPool(
    {},
    () =>
      starts++ === 0
        ? new Worker(broken, { type: "module" })
        : startDecodeWorker(),
  );
  const error = await assertRejects(
    () => pool.mnistInput(bar.slice()),
    Error,
    "boom",
  );
  assertFalse(error instanceof ClientError);
  assertEquals((await pool.mnistInput(bar.slice())).length, 784);
  assertEquals(started.length, 2);
  pool.close();
});
