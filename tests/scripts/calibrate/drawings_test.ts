import { assert, assertEquals, assertNotEquals } from "@std/assert";
import {
  DIGITS,
  LETTER_NAMES,
  random,
  SCRIBBLE_KINDS,
  scribbles,
} from "../../../scripts/calibrate/drawings.ts";

Deno.test("scribbles() makes perKind of each kind, the same for the same seed", () => {
  const made = scribbles({ perKind: 14, seed: 7 });
  assertEquals(made.length, 14 * SCRIBBLE_KINDS.length);
  for (const kind of SCRIBBLE_KINDS) {
    assertEquals(made.filter((s) => s.kind === kind).length, 14);
  }
  assertEquals(scribbles({ perKind: 14, seed: 7 }), made);
  assertNotEquals(scribbles({ perKind: 14, seed: 8 }), made);
  const letters = new Set(
    made.filter((s) => s.kind === "letter").map((s) => s.name),
  );
  assertEquals(letters.size, LETTER_NAMES.length);
});

Deno.test("scribbles() stay on the canvas; lines are no steeper than 50°", () => {
  for (const scribble of scribbles({ perKind: 50 })) {
    for (const stroke of scribble.strokes) {
      for (const [x, y] of stroke) {
        assert(
          x >= 0 && x <= 1 && y >= 0 && y <= 1,
          `${scribble.name}: ${x}, ${y}`,
        );
      }
    }
    if (scribble.kind === "line") {
      assert(Math.abs(parseInt(scribble.name.slice(5))) <= 50, scribble.name);
    }
  }
});

Deno.test("random() is a seeded generator in [0, 1)", () => {
  const a = random(3);
  const values = Array.from({ length: 1000 }, a);
  assert(values.every((v) => v >= 0 && v < 1));
  assertEquals(Array.from({ length: 1000 }, random(3)), values);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

Deno.test("DIGITS holds a 1, a 0 and a 7", () => {
  assertEquals(Object.keys(DIGITS).sort(), ["0", "1", "7"]);
});
