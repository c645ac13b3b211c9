import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { ClientError } from "../../../lib/errors.ts";
import {
  checkInk,
  checkNewDrawing,
  type Drawing,
  keysOf,
  type NewDrawing,
  pack,
  summaryOf,
  unpack,
} from "../../../lib/drawings/_record.ts";

function stroke(): Uint8Array {
  const pixels = new Uint8Array(784);
  pixels.fill(255, 14 * 28 + 4, 14 * 28 + 24); // a bar across the middle
  return pixels;
}

const sample: Drawing = {
  id: "0b6c5e0e-8d2c-4b8e-9a44-3f1d2c5b7a10",
  label: 1,
  pixels: stroke(),
  predictions: {
    mlp: { digit: 1, probabilities: Array(10).fill(0.1) },
    "deep-cnn": { digit: 7, probabilities: Array(10).fill(0.1) },
  },
  createdAt: 1000,
  expiresAt: 5000,
};

Deno.test("pack() deflates the pixels and marks the record counted; unpack() gives the drawing back without its token hash", async () => {
  const stored = await pack(sample, "ab".repeat(32));
  assert(stored.deflated.length < 100);
  assertEquals(stored.counted, true);
  assertEquals(stored.tokenHash, "ab".repeat(32));
  assert(!("pixels" in stored));
  assertEquals(await unpack(stored), sample);
});

Deno.test("unpack() refuses pixels that do not inflate to 784 bytes", async () => {
  const stored = await pack({ ...sample, pixels: new Uint8Array(783) }, "");
  await assertRejects(() => unpack(stored), SyntaxError, "784 pixel bytes");
});

Deno.test("keysOf() and summaryOf() give a drawing's four keys and what is counted of it", () => {
  assertEquals(keysOf(sample), {
    record: ["drawings", sample.id],
    byTime: ["drawings_by_time", 1000, sample.id],
    byLabel: ["drawings_by_label", 1, 1000, sample.id],
    byExpiry: ["drawings_by_expiry", 5000, sample.id],
  });
  assertEquals(summaryOf(sample), {
    label: 1,
    digits: { mlp: 1, "deep-cnn": 7 },
    expiresAt: 5000,
  });
});

const blank: [string, number, string][] = [
  ["all black", 0, "every pixel is 0"],
  ["all white", 255, "every pixel is 1"],
  ["one grey", 128, "every pixel is 0.502"],
];

for (const [name, value, message] of blank) {
  Deno.test(`checkInk() refuses a picture ${name} with 422`, () => {
    const error = assertThrows(
      () => checkInk(new Uint8Array(784).fill(value)),
      ClientError,
      message,
    );
    assertEquals(error.status, 422);
    assert(error.message.includes("no ink"));
  });
}

Deno.test("checkInk() takes one lit pixel on black, and one dark pixel on white", () => {
  const dot = new Uint8Array(784);
  dot[400] = 1;
  checkInk(dot);
  checkInk(new Uint8Array(784).fill(255).fill(0, 400, 401));
});

const errorCases: [string, NewDrawing, new (...args: never[]) => Error][] = [
  ["783 pixels", { ...sample, pixels: new Uint8Array(783) }, TypeError],
  ["pixels as an array", {
    ...sample,
    pixels: [...stroke()] as unknown as Uint8Array,
  }, TypeError],
  ["label 10", { ...sample, label: 10 }, RangeError],
  ["a model's digit 2.5", {
    ...sample,
    predictions: { mlp: { digit: 2.5, probabilities: [] } },
  }, RangeError],
  ["no ink", { ...sample, pixels: new Uint8Array(784) }, ClientError],
];

for (const [name, input, ErrorClass] of errorCases) {
  Deno.test(`checkNewDrawing() refuses ${name}`, () => {
    assertThrows(() => checkNewDrawing(input), ErrorClass);
  });
}
