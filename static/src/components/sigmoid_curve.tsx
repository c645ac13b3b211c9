/**
 * The sigmoid function's curve, 1 / (1 + exp(−a)) for a from −8 to 8, with
 * a dot at one neuron's sum a1[j] and its output z1[j] (a sum beyond the
 * drawn range sits at the edge, where the curve is flat).
 *
 * @module
 */

import { sigmoid } from "../forward_steps.ts";

/** The sums the curve spans, −RANGE to RANGE. */
const RANGE = 8;
const WIDTH = 240;
const HEIGHT = 128;
const LEFT = 24;
const RIGHT = WIDTH - 8;
const TOP = 8;
const BOTTOM = HEIGHT - 20;

/** Where sum `a` and output `z` are drawn. */
function place(a: number, z: number): [number, number] {
  const clamped = Math.max(-RANGE, Math.min(RANGE, a));
  return [
    LEFT + (clamped + RANGE) / (2 * RANGE) * (RIGHT - LEFT),
    BOTTOM - z * (BOTTOM - TOP),
  ];
}

/** The curve as an SVG path through 65 points. */
const CURVE = Array.from({ length: 65 }, (_, i) => {
  const a = -RANGE + i * (2 * RANGE) / 64;
  const [x, y] = place(a, sigmoid(a));
  return `${i === 0 ? "M" : "L"}${x.toFixed(1)} ${y.toFixed(1)}`;
}).join(" ");

/** Props of {@linkcode SigmoidCurve}. */
export interface SigmoidCurveProps {
  /** The neuron's sum a1[j]. */
  a: number;
  /** sigmoid(a). */
  z: number;
  /** What the picture shows, for a screen reader. */
  label: string;
}

/** The curve, its axes (0, 0.5 and 1; −8, 0 and 8) and the neuron's dot. */
export function SigmoidCurve({ a, z, label }: SigmoidCurveProps) {
  const [x, y] = place(a, z);
  const [zeroX] = place(0, 0);
  return (
    <svg
      class="sigmoid-curve"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="sigmoid-curve"
    >
      <g class="axis" aria-hidden="true">
        <line x1={LEFT} y1={BOTTOM} x2={RIGHT} y2={BOTTOM} />
        <line x1={zeroX} y1={TOP} x2={zeroX} y2={BOTTOM} />
        <line class="guide" x1={LEFT} y1={TOP} x2={RIGHT} y2={TOP} />
        <text x={LEFT - 4} y={BOTTOM + 4} text-anchor="end">0</text>
        <text x={LEFT - 4} y={TOP + 4} text-anchor="end">1</text>
        <text x={LEFT} y={HEIGHT - 4} text-anchor="middle">−8</text>
        <text x={zeroX} y={HEIGHT - 4} text-anchor="middle">0</text>
        <text x={RIGHT} y={HEIGHT - 4} text-anchor="end">8</text>
      </g>
      <path class="curve" d={CURVE} />
      <line class="drop" x1={x} y1={y} x2={x} y2={BOTTOM} />
      <circle class="dot" cx={x} cy={y} r="5" data-testid="sigmoid-dot" />
    </svg>
  );
}
