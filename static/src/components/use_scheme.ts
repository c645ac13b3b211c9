/**
 * The colour scheme in use, light or dark, following the system's setting
 * (prefers-color-scheme) as it changes; "light" on the server.
 *
 * @module
 */

import { useEffect, useState } from "preact/hooks";

/** A colour scheme of the page. */
export type Scheme = "light" | "dark";

/** The scheme the system asks for, updated when it changes. */
export function useScheme(): Scheme {
  const [scheme, setScheme] = useState<Scheme>("light");
  useEffect(() => {
    const query = matchMedia("(prefers-color-scheme: dark)");
    const update = () => setScheme(query.matches ? "dark" : "light");
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return scheme;
}
