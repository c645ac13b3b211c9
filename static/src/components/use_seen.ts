/**
 * Whether an element is on the screen (or near it), as an
 * IntersectionObserver tells: views that are not seen need not follow the
 * pen frame by frame.
 *
 * @module
 */

import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";

/** How near the screen an element counts as seen. */
const MARGIN = "100px";

/** Whether `element` is on the screen or within {@linkcode MARGIN} of it. */
export function useSeen(element: RefObject<Element>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (!target || typeof IntersectionObserver !== "function") {
      return setSeen(true);
    }
    const observer = new IntersectionObserver(
      (entries) => setSeen(entries[entries.length - 1].isIntersecting),
      { rootMargin: MARGIN },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, []);
  return seen;
}
