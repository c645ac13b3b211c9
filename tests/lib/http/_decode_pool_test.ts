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
import {
  DecodePool,
  startDecodeWorker,
} from "../../../lib/http/_decode_pool.ts";
import {
  decodeImage,
  readPredictJson,
  toMnistInput,
} from "../../../lib/input/mod.ts";
import { workBuffer } from "../../../lib/large_buffer.ts";
import { ClientError, ServerBusy } from "../../../lib/errors.ts";
import { readInferRequest, splitBinaryRequest } from "../../../lib/v2/mod.ts";
import { assertRejectsBusy, assertRejectsClient } from "../../_errors.ts";
import {
  blackPng,
  exifTiff,
  ihdrChunk,
  jpegWithOrientation,
  pngChunk,
  pngFile,
  rebuildPng,
  zlibBomb,
} from "../../_images.ts";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

function fixture(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, FIXTURES));
}

function ramp(length: number, step = 37): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * step) % 256);
}

const rgba = encodePng({ width: 9, height: 7, data: ramp(9 * 7 * 4) });
const jpeg = new Uint8Array(
  encodeJpeg({ width: 24, height: 16, data: ramp(24 * 16 * 4, 11) }, 90).data,
);
/** 16-bit grey, 4000×4000: about half a second of decoding, in 32 KB. */
const heavy = blackPng(4000, 4000);

/** A pool whose workers are watched: which were started, which terminated. */
function watchedPool(
  options: ConstructorParameters<typeof DecodePool>[0] = {},
  start: () => Worker = startDecodeWorker,
) {
  const started: Worker[] = [];
  const terminated: Worker[] = [];
  const pool = new DecodePool({
    size: 1,
    ...options,
    spawn: () => {
      const worker = start();
      const terminate = worker.terminate.bind(worker);
      worker.terminate = () => {
        terminated.push(worker);
        terminate();
      };
      started.push(worker);
      return worker;
    },
  });
  return { pool, started, terminated };
}

Deno.test("DecodePool.decode() gives the pixels decodeImage() gives", async () => {
  const pool = new DecodePool();
  const cases: [string, Uint8Array][] = [
    ["RGBA PNG", rgba],
    [
      "16-bit grey PNG, Adam7",
      encodePng({
        width: 5,
        height: 3,
        channels: 1,
        depth: 16,
        data: Uint16Array.from({ length: 15 }, (_, i) => i * 4000),
      }, { interlace: "Adam7" }),
    ],
    [
      "palette PNG with transparency",
      encodePng({
        width: 4,
        height: 2,
        channels: 1,
        palette: [[10, 20, 30, 0], [40, 50, 60, 128], [255, 0, 0, 255]],
        data: Uint8Array.from([0, 1, 2, 0, 1, 2, 0, 1]),
      }),
    ],
    [
      "PNG turned by eXIf",
      rebuildPng(rgba, { extra: [pngChunk("eXIf", exifTiff(8, false))] }),
    ],
    ["baseline JPEG", jpeg],
    ["JPEG turned by EXIF", jpegWithOrientation(jpeg, 6, true)],
    ["progressive JPEG", fixture("progressive.jpg")],
    ["CMYK JPEG", fixture("cmyk.jpg")],
    ["16-bit grey PNG, 400×300", blackPng(400, 300)],
  ];
  for (const [name, bytes] of cases) {
    const expected = decodeImage(bytes);
    const image = await pool.decode(bytes);
    assertEquals(
      [image.width, image.height],
      [expected.width, expected.height],
      name,
    );
    assert(image.data instanceof Uint8Array, name);
    assertEquals(image.data, expected.data, name);
  }
  pool.close();
});

Deno.test("DecodePool.decode() refuses what decodeImage() refuses, with the same status and message", async () => {
  const pool = new DecodePool();
  const flipped = rgba.slice();
  flipped[rgba.length - 20] ^= 0xff;
  const liar = rgba.slice();
  new DataView(liar.buffer).setUint32(16, 100_000); // 100000×7, the CRC stale
  const errorCases: [string, Uint8Array, number][] = [
    ["empty", new Uint8Array(0), 400],
    ["a GIF", new TextEncoder().encode("GIF89a\x01\0\x01\0"), 400],
    ["a PNG cut in half", rgba.subarray(0, rgba.length >> 1), 400],
    ["a PNG with a flipped byte", flipped, 400],
    ["a PNG over the pixel limit", blackPng(5000, 4000), 413],
    ["a PNG whose header lies about its size", liar, 400],
    [
      "a PNG whose data is a zip bomb",
      pngFile([
        ihdrChunk(100, 100, 8, 0),
        pngChunk("IDAT", zlibBomb(64)),
        pngChunk("IEND", new Uint8Array(0)),
      ]),
      413,
    ],
    ["16-bit RGBA, 4000×4000", blackPng(4000, 4000, 16, 6), 413],
    ["a JPEG cut in half", jpeg.subarray(0, jpeg.length >> 1), 400],
  ];
  for (const [name, bytes, status] of errorCases) {
    const expected = assertThrows(() => decodeImage(bytes), ClientError);
    assertEquals(expected.status, status, `${name}: ${expected.message}`);
    const error = await assertRejectsClient(
      () => pool.decode(bytes),
      status,
      expected.message,
      name,
    );
    assertEquals(error.message, expected.message, name);
  }
  await assertRejectsClient(
    () => pool.decode(rgba, { maxPixels: 62 }),
    413,
    "9×7 pixels is over the limit of 62",
  );
  pool.close();
});

Deno.test("DecodePool.mnistInput() gives the input toMnistInput(decodeImage()) gives, and its no-ink 422", async () => {
  const pool = new DecodePool();
  // a dark bar on white paper, 60×90
  const data = new Uint8Array(60 * 90 * 4).fill(255);
  for (let y = 20; y < 70; y++) {
    for (let x = 25; x < 33; x++) {
      data.fill(40, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
    }
  }
  const cases = [
    encodePng({ width: 60, height: 90, data }),
    new Uint8Array(encodeJpeg({ width: 60, height: 90, data }, 95).data),
  ];
  for (const bytes of cases) {
    const input = await pool.mnistInput(bytes);
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
  const there = await pool.readJson({ bytes: predict, output: "predict" });
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
  const read = await pool.readJson({ bytes: infer, output: "infer", target });
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
      () => pool.readJson({ bytes, output, target } as never),
      error.status,
      error.message,
    );
  }
  pool.close();
});

Deno.test("DecodePool moves a body handed over to it rather than copy it, and copies bytes only lent", async () => {
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
  const lent = body();
  const read = await pool.readJson({ bytes: lent, output: "predict" });
  assertEquals(read.pixels, here.pixels.data);
  assertEquals(lent.buffer.byteLength, text.length, "the caller keeps it");
  assertEquals(lent[0], text[0]);
  const given = body();
  const moved = await pool.readJson({ bytes: given, output: "predict" }, {
    handOver: true,
  });
  assertEquals(moved.pixels, here.pixels.data);
  assert(given.buffer.detached, "moved to the worker, not copied");
  pool.close();
});

Deno.test("DecodePool.inflate() inflates as inflateBody() does, its 413 and 400 included", async () => {
  const pool = new DecodePool();
  const text = new TextEncoder().encode("[1, 2, 3]".repeat(1000));
  const request = (bytes: Uint8Array, limit: number) => ({
    bytes,
    output: "inflate" as const,
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

Deno.test("DecodePool decodes large images one at a time, small ones beside, and replaces the worker after each", async () => {
  const { pool, started, terminated } = watchedPool({
    size: 2,
    largePixels: 100,
  });
  const large = blackPng(20, 10); // 200 pixels
  const [first, second, small] = [
    pool.decode(large),
    pool.decode(large),
    pool.decode(rgba), // 63 pixels
  ];
  // the second large image waits; the small one passes it
  assertEquals(pool.stats, {
    workers: 2,
    busy: 2,
    queued: 1,
    stopped: 0,
    recycled: 0,
    answered: 0,
  });
  assertEquals((await small).width, 9);
  assertEquals((await first).width, 20);
  assertEquals((await second).width, 20);
  // each large image's worker was replaced, the small one's kept
  assertEquals(terminated.length, 2);
  assertEquals(started.length, 3);
  assertEquals(pool.stats, {
    workers: 1,
    busy: 0,
    queued: 0,
    stopped: 0,
    recycled: 2,
    answered: 3,
  });
  pool.close();
});

Deno.test("DecodePool stops a decode past its time limit: its worker is terminated and replaced, the answer 503 with Retry-After", async () => {
  const { pool, started, terminated } = watchedPool();
  await pool.decode(rgba); // the worker is up
  assertEquals(started.length, 1);
  const error = await assertRejectsBusy(
    () => pool.decode(heavy, { timeoutMs: 50 }),
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
  assertEquals((await pool.decode(rgba)).data, decodeImage(rgba).data);
  assertEquals(started.length, 2);
  pool.close();
});

Deno.test("DecodePool does not count a new worker's start-up against the time limit", async () => {
  // a worker that takes 500 ms to load before it is the decoding worker
  const slow = "data:application/javascript," + encodeURIComponent(
    `await new Promise((resolve) => setTimeout(resolve, 500));
     await import(${
      JSON.stringify(
        new URL("../../../lib/http/_decode_worker.ts", import.meta.url).href,
      )
    });`,
  );
  const { pool } = watchedPool({}, () => new Worker(slow, { type: "module" }));
  const image = await pool.decode(rgba, { timeoutMs: 250 });
  assertEquals(image.data, decodeImage(rgba).data);
  pool.close();
});

Deno.test("DecodePool stops a decode when its signal aborts, and never starts one already aborted", async () => {
  const { pool, started, terminated } = watchedPool();
  const controller = new AbortController();
  const decoding = pool.decode(heavy, { signal: controller.signal });
  assertEquals(pool.stats.busy, 1);
  controller.abort();
  await assertRejectsBusy(() => decoding, "cancelled");
  assertEquals(terminated, [started[0]]);
  await assertRejectsBusy(
    () => pool.decode(rgba, { signal: AbortSignal.abort() }),
    "cancelled",
  );
  assertEquals(started.length, 1);
  pool.close();
});

Deno.test("DecodePool answers 503 at once when its queue is full", async () => {
  const { pool } = watchedPool({ size: 1, maxQueue: 1 });
  const first = pool.decode(heavy);
  const second = pool.decode(heavy);
  assertEquals(pool.stats, {
    workers: 1,
    busy: 1,
    queued: 1,
    stopped: 0,
    recycled: 0,
    answered: 0,
  });
  const error = await assertRejectsBusy(
    () => pool.decode(rgba),
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
  const error = await assertRejects(() => pool.decode(rgba), Error, "boom");
  assertFalse(error instanceof ClientError);
  assertEquals((await pool.decode(rgba)).width, 9);
  assertEquals(started.length, 2);
  pool.close();
});
