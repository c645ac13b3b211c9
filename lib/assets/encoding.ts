/**
 * Content encodings the server sends, brotli and gzip, and the choice of one
 * from a request's Accept-Encoding: what serving a file needs, without the
 * compressors (compression.ts), which only the build and the warm-up load.
 *
 * @module
 */

/** The encodings served, best first. */
export const ENCODINGS = ["br", "gzip"] as const;

/** A content encoding the server sends. */
export type Encoding = typeof ENCODINGS[number];

/**
 * The best encoding that `Accept-Encoding` allows (brotli before gzip), or
 * undefined for none. A coding with `q=0` is refused; `*` stands for any
 * coding not named.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(pickEncoding("gzip, deflate, br"), "br");
 * assertEquals(pickEncoding("br;q=0, gzip"), "gzip");
 * assertEquals(pickEncoding(undefined), undefined);
 * ```
 */
export function pickEncoding(
  acceptEncoding: string | null | undefined,
  available: readonly Encoding[] = ENCODINGS,
): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...parameters] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let q = 1;
    for (const parameter of parameters) {
      const [key, value] = parameter.trim().split("=");
      if (key === "q") q = Number(value);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  const any = weights.get("*");
  return available.find((encoding) => (weights.get(encoding) ?? any ?? 0) > 0);
}
