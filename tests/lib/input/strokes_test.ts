import { assert, assertEquals, assertThrows } from "@std/assert";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import {
  PEN_WIDTH,
  renderStrokes,
  rotateStrokes,
  strokeBounds,
  strokePath,
} from "../../../lib/input/strokes.ts";

/** The share of dark pixels (luminance below half) of an image. */
function inked(image: { data: ArrayLike<number> }): number {
  let dark = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (image.data[i] < 128) dark++;
  }
  return dark / (image.data.length / 4);
}

Deno.test("renderStrokes() paints a dot as a disc of the pen's width", () => {
  const image = renderStrokes([[[0.5, 0.5]]], { size: 200 });
  assertEquals([image.width, image.height, image.data.length], [
    200,
    200,
    160000,
  ]);
  const radius = PEN_WIDTH * 200 / 2;
  const area = Math.PI * radius * radius / (200 * 200);
  assert(Math.abs(inked(image) - area) < 0.002, `${inked(image)} vs ${area}`);
  // the centre is ink, a corner paper, every pixel opaque
  assertEquals(image.data[(100 * 200 + 100) * 4], 0x1b);
  assertEquals(image.data[0], 255);
  assert(
    Array.from({ length: 200 * 200 }, (_, i) => image.data[i * 4 + 3])
      .every((a) => a === 255),
  );
});

Deno.test("renderStrokes() paints a line as long as the stroke and a pen wide", () => {
  const image = renderStrokes([[[0.2, 0.5], [0.8, 0.5]]], {
    size: 100,
    width: 0.1,
  });
  // 60 px long plus the round caps, 10 px wide
  const expected = (60 * 10 + Math.PI * 25) / 10000;
  assert(Math.abs(inked(image) - expected) < 0.005, `${inked(image)}`);
  const input = toMnistInput(image);
  assertEquals(input.length, 784);
});

Deno.test("renderStrokes() refuses a bad size or pen", () => {
  assertThrows(() => renderStrokes([], { size: 0 }), RangeError, "size");
  assertThrows(() => renderStrokes([], { width: 0 }), RangeError, "pen width");
});

Deno.test("strokePath() passes the first and last points and smooths between", () => {
  const stroke: [number, number][] = [[0, 0], [1, 0], [1, 1]];
  const path = strokePath(stroke);
  assertEquals(path[0], [0, 0]);
  assertEquals(path[path.length - 1], [1, 1]);
  assert(path.length > stroke.length);
  assertEquals(strokePath([[0.5, 0.5]]), [[0.5, 0.5]]);
});

Deno.test("strokeBounds() is the ink's box, widened by half the pen", () => {
  const box = strokeBounds([[[0.2, 0.3], [0.6, 0.4]], [[0.5, 0.9]]], 0.1)!;
  assertEquals(
    [box.left, box.top, box.right, box.bottom].map((v) => +v.toFixed(6)),
    [0.15, 0.25, 0.65, 0.95],
  );
  assertEquals(+box.extent.toFixed(6), 0.7);
  assertEquals(strokeBounds([]), undefined);
});

Deno.test("rotateStrokes() turns about the drawing's centre", () => {
  const [[a, b]] = rotateStrokes([[[0.3, 0.5], [0.7, 0.5]]], 90);
  assertEquals(a.map((v) => +v.toFixed(6)), [0.5, 0.3]);
  assertEquals(b.map((v) => +v.toFixed(6)), [0.5, 0.7]);
  const same = [[[0.1, 0.2]]] as [number, number][][];
  assertEquals(rotateStrokes(same, 0), same);
});
