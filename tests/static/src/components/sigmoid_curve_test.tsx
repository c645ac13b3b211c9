import { assertAlmostEquals, assertEquals, assertMatch } from "@std/assert";
import { renderToString } from "preact-render-to-string";
import { SigmoidCurve } from "../../../../static/src/components/sigmoid_curve.tsx";
import { sigmoid } from "../../../../static/src/forward_steps.ts";

/** The dot's centre in the drawing. */
function dot(a: number): [number, number] {
  const html = renderToString(
    <SigmoidCurve a={a} z={sigmoid(a)} label="curve" />,
  );
  const [, cx, cy] = html.match(/cx="([\d.]+)" cy="([\d.]+)"/) ?? [];
  return [Number(cx), Number(cy)];
}

Deno.test("the dot sits on the curve: 0.5 at the middle, near 1 and 0 at the ends, beyond them at the edge", () => {
  const [middleX, middleY] = dot(0);
  const [rightX, rightY] = dot(8);
  const [leftX, leftY] = dot(-8);
  assertAlmostEquals(middleX, (leftX + rightX) / 2, 1e-9);
  assertAlmostEquals(middleY, (leftY + rightY) / 2, 1e-4);
  assertEquals(dot(30)[0], rightX);
  assertEquals(dot(-30)[0], leftX);
  // higher z is higher up the picture
  assertEquals(dot(2)[1] < middleY && middleY < dot(-2)[1], true);
});

Deno.test("the curve is a picture with a name for screen readers", () => {
  const html = renderToString(
    <SigmoidCurve a={1} z={sigmoid(1)} label="a1 = 1, z1 = 0.73" />,
  );
  assertMatch(
    html,
    /^<svg class="sigmoid-curve"[^>]*role="img" aria-label="a1 = 1, z1 = 0.73"/,
  );
});
