import "../../_data.ts"; // the shared decode pool configured for tests
import { assert, assertEquals, assertStrictEquals } from "@std/assert";
import { encode as encodePng } from "fast-png";
import {
  decodeImageOffThread,
  mnistInputOffThread,
  sharedDecodePool,
} from "../../../lib/input/decode_off_thread.ts";
import { decodeImage } from "../../../lib/input/image_decode.ts";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import { assertRejectsInput } from "../../_errors.ts";

/** A dark bar on white paper, 60×90, as a PNG. */
const bar = (() => {
  const data = new Uint8Array(60 * 90 * 4).fill(255);
  for (let y = 20; y < 70; y++) {
    for (let x = 25; x < 33; x++) {
      data.fill(40, (y * 60 + x) * 4, (y * 60 + x) * 4 + 3);
    }
  }
  return encodePng({ width: 60, height: 90, data });
})();

Deno.test("decodeImageOffThread() and mnistInputOffThread() give what decodeImage() and toMnistInput() give, from one shared pool", async () => {
  const pool = sharedDecodePool();
  assertStrictEquals(sharedDecodePool(), pool);
  assertEquals(await decodeImageOffThread(bar), decodeImage(bar));
  assertEquals(
    await mnistInputOffThread(bar),
    toMnistInput(decodeImage(bar)),
  );
  assert(pool.stats.workers >= 1, "the shared pool did the work");
  await assertRejectsInput(
    () => decodeImageOffThread(bar, { maxPixels: 100 }),
    413,
    "60×90 pixels is over the limit of 100",
  );
});
