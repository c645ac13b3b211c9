import { assertEquals, assertNotEquals } from "@std/assert";
import { strokesSignature } from "../../../../static/src/components/device_reading.ts";
import type { Stroke } from "../../../../lib/input/strokes.ts";

Deno.test("a drawing's signature changes with every point drawn, and only then", () => {
  const stroke: Stroke = [[0.2, 0.3], [0.25, 0.4]];
  const drawing = [stroke];
  const before = strokesSignature(drawing);
  assertEquals(strokesSignature([[[0.2, 0.3], [0.25, 0.4]]]), before);
  stroke.push([0.3, 0.5]);
  assertNotEquals(strokesSignature(drawing), before, "a point more");
  const grown = strokesSignature(drawing);
  drawing.push([[0.3, 0.5]]);
  assertNotEquals(
    strokesSignature(drawing),
    grown,
    "a new stroke at the same point",
  );
  assertNotEquals(strokesSignature([]), strokesSignature([[]]));
});
