import { assert, assertEquals } from "@std/assert";
import { toMnistInput } from "../../../lib/input/preprocess.ts";
import { renderStrokes, type Stroke } from "../../../lib/input/strokes.ts";
import {
  packStrokes,
  READ_SIZE,
  readingCanvas,
  readStrokes,
  unpackStrokes,
} from "../../../static/src/read_strokes.ts";
import { DIGITS } from "../../../scripts/calibrate/drawings.ts";

// Deno has no canvas: the reading canvas paints with lib/input/strokes.ts,
// as a worker without OffscreenCanvas does

Deno.test("readStrokes() reads a drawing at READ_SIZE, as MNIST's preprocessing makes it", () => {
  const input = readStrokes(DIGITS["7"]);
  if (!input) throw new Error("the 7 has no ink");
  assertEquals(input.length, 784);
  assertEquals(
    [...input],
    [...toMnistInput(renderStrokes(DIGITS["7"], { size: READ_SIZE }))],
  );
  assertEquals(Math.max(...input), 1);
});

Deno.test("readStrokes() gives null for no strokes", () => {
  assertEquals(readStrokes([]), null);
});

Deno.test("readingCanvas() paints the pen's width as asked", () => {
  const canvas = readingCanvas(50);
  const dark = (width: number) =>
    canvas.image([[[0.2, 0.5], [0.8, 0.5]]], width).data.filter((v, i) =>
      i % 4 === 0 && v < 128
    ).length;
  assert(dark(0.2) > 2 * dark(0.05));
});

Deno.test("packStrokes() packs strokes into two typed arrays that unpack to the same", () => {
  const strokes: Stroke[] = [...DIGITS["7"], [[0.5, 0.5]], ...DIGITS["0"]];
  const packed = packStrokes(strokes);
  assertEquals(packed.lengths.length, 3);
  assertEquals(unpackStrokes(packed), strokes);
  assertEquals(unpackStrokes(packStrokes([])), []);
});
