/**
 * Colour scales of the forward pass and the neuron pictures. The strips take
 * one of 21 shades as a CSS class (the stylesheet colours it for the light or
 * the dark scheme; the CSP forbids inline styles); the canvas pictures take
 * RGB from the palette of the scheme in use.
 *
 * @module
 */

type Rgb = [number, number, number];

/** Shades on each side of 0. */
export const HEAT_STEPS = 10;

/** Zero, the positive end and the negative end of each scheme's scale. */
const PALETTES: Record<"light" | "dark", { zero: Rgb; up: Rgb; down: Rgb }> = {
  light: { zero: [232, 236, 243], up: [29, 78, 216], down: [190, 36, 30] },
  dark: { zero: [42, 49, 62], up: [122, 168, 255], down: [255, 130, 112] },
};

/**
 * The shade class of a value: `u0`…`u10` for a value in [0, 1] (sigmoid
 * outputs, probabilities) or a positive value of a signed scale of
 * ±`extent`, `n1`…`n10` for a negative one.
 */
export function shadeOf(value: number, extent = 1): string {
  const t = extent > 0 && Number.isFinite(value) ? value / extent : 0;
  const step = Math.round(Math.min(1, Math.abs(t)) * HEAT_STEPS);
  return t < 0 && step > 0 ? `n${step}` : `u${step}`;
}

/** The largest magnitude among `values` (0 for none), the extent of a signed scale. */
export function extentOf(values: ArrayLike<number>): number {
  let extent = 0;
  for (let i = 0; i < values.length; i++) {
    extent = Math.max(extent, Math.abs(values[i]));
  }
  return extent;
}

/** The RGB of a signed value on a scale of ±`extent`, in a scheme's palette. */
export function signedRgb(
  value: number,
  extent: number,
  scheme: "light" | "dark",
): Rgb {
  const { zero, up, down } = PALETTES[scheme];
  const t = extent > 0 ? Math.max(-1, Math.min(1, value / extent)) : 0;
  const end = t < 0 ? down : up;
  const f = Math.abs(t);
  return [0, 1, 2].map((k) =>
    Math.round(zero[k] + (end[k] - zero[k]) * f)
  ) as Rgb;
}
