import { assert, assertEquals, assertThrows } from "@std/assert";
import { centreOfMass, toMnistInput } from "../../../lib/input/preprocess.ts";
import { renderStrokes } from "../../../lib/input/strokes.ts";
import { preprocessVariant } from "../../../lib/input/variants.ts";

// a small 7 in the top left corner of the pad
const SEVEN = renderStrokes([[[0.1, 0.1], [0.3, 0.1], [0.2, 0.4]]], {
  size: 200,
});

function massOf(pixels: Float32Array) {
  return centreOfMass({ data: pixels, shape: [28, 28] });
}

Deno.test("preprocessVariant() with every step on is toMnistInput()", () => {
  assertEquals(preprocessVariant(SEVEN), toMnistInput(SEVEN));
  assertEquals(
    preprocessVariant(SEVEN, { crop: true, centre: true, shiftX: 0 }),
    toMnistInput(SEVEN),
  );
});

Deno.test("preprocessVariant() without cropping keeps the drawing small and in its corner", () => {
  const whole = preprocessVariant(SEVEN, { crop: false, centre: false });
  const ink = whole.filter((v) => v > 0).length;
  const cropped = toMnistInput(SEVEN).filter((v) => v > 0).length;
  assert(ink < cropped / 4, `${ink} inked pixels against ${cropped}`);
  const { x, y } = massOf(whole);
  assert(x < 10 && y < 10, `centre of mass at ${x}, ${y}`);
  // centring by mass brings it to the middle, small as it is
  const centred = massOf(preprocessVariant(SEVEN, { crop: false }));
  assert(Math.abs(centred.x - 14) <= 1 && Math.abs(centred.y - 14) <= 1);
});

Deno.test("preprocessVariant() centres the box's middle when centring by mass is off", () => {
  const boxed = preprocessVariant(SEVEN, { centre: false });
  const rows = Array.from(
    { length: 28 },
    (_, y) => boxed.subarray(y * 28, y * 28 + 28).some((v) => v > 0),
  );
  const top = rows.indexOf(true);
  const bottom = rows.lastIndexOf(true);
  assertEquals([top, bottom], [4, 23]);
});

Deno.test("preprocessVariant() shifts by whole pixels", () => {
  const base = toMnistInput(SEVEN);
  const moved = preprocessVariant(SEVEN, { shiftX: 3, shiftY: -2 });
  for (let y = 2; y < 26; y++) {
    for (let x = 0; x < 25; x++) {
      assertEquals(moved[(y - 2) * 28 + x + 3], base[y * 28 + x]);
    }
  }
  assertThrows(
    () => preprocessVariant(SEVEN, { shiftX: 0.5 }),
    TypeError,
    "whole pixels",
  );
  const blank = renderStrokes([], { size: 50 });
  assertThrows(
    () => preprocessVariant(blank, { crop: false }),
    RangeError,
    "no ink",
  );
});
