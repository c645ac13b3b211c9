/**
 * Scrolling to what the reader chose, as the reader asked the page to move:
 * smoothly, unless the system asks for less motion.
 *
 * @module
 */

/** Scrolls an element into view, smoothly unless the reader asked for less motion. */
export function bringIntoView(
  element: HTMLElement,
  block: ScrollLogicalPosition,
) {
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  element.scrollIntoView({ block, behavior: still ? "auto" : "smooth" });
}
