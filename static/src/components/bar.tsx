/**
 * One horizontal bar, drawn in SVG so its length is an attribute, not an
 * inline style: the page's Content-Security-Policy (style-src 'self') would
 * block a server-rendered style="width: …".
 *
 * @module
 */

/** Props of {@linkcode Bar}. */
export interface BarProps {
  /** The filled fraction, in [0, 1]. */
  fraction: number;
}

/** A rounded track filled to `fraction` (decorative: the value is shown as text beside it). */
export function Bar({ fraction }: BarProps) {
  const width = Math.round(Math.min(1, Math.max(0, fraction)) * 1000);
  return (
    <svg
      class="bar-track"
      viewBox="0 0 1000 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="bar-fill" width={width} height="10" />
    </svg>
  );
}
