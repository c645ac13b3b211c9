/**
 * Colour scales of the forward-pass strips, as fill colours for SVG
 * attributes (the CSP forbids inline styles): a value in [0, 1] from paper to
 * deep blue; a signed value from red through paper to blue.
 *
 * @module
 */

type Rgb = [number, number, number];

const PAPER: Rgb = [232, 236, 243];
const BLUES: Rgb[] = [PAPER, [147, 180, 246], [37, 99, 235], [23, 42, 110]];
const REDS: Rgb[] = [PAPER, [244, 163, 150], [205, 53, 40], [120, 20, 20]];

function hex([r, g, b]: Rgb): string {
  return `#${
    [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")
  }`;
}

/** The colour `t` ∈ [0, 1] of the way along evenly spaced `stops`. */
function along(stops: Rgb[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) *
    (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i], stops[i + 1]];
  return hex([0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * f) as Rgb);
}

/** The colour of a value in [0, 1] (sigmoid outputs, probabilities): paper at 0, deep blue at 1. */
export function unitColour(value: number): string {
  return along(BLUES, value);
}

/**
 * The colour of a signed value on a scale of ±`extent`: blue for positive,
 * red for negative, paper for 0.
 */
export function signedColour(value: number, extent: number): string {
  const t = extent > 0 ? value / extent : 0;
  return t < 0 ? along(REDS, -t) : along(BLUES, t);
}

/** The largest magnitude among `values` (0 for none), the extent of a signed scale. */
export function extentOf(values: ArrayLike<number>): number {
  let extent = 0;
  for (let i = 0; i < values.length; i++) {
    extent = Math.max(extent, Math.abs(values[i]));
  }
  return extent;
}

/** Evenly spaced stops of a scale, for an SVG gradient legend. */
export function legendStops(signed: boolean, n = 9): string[] {
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return signed ? signedColour(2 * t - 1, 1) : unitColour(t);
  });
}
