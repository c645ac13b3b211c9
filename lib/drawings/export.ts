/**
 * Readers' drawings as MNIST ships its data: an IDX file of N×28×28 image
 * bytes and one of N labels, ready for the book's load_mnist style of loader.
 *
 * @module
 */

import { encodeIdx } from "../mnist/mod.ts";

/** The names of the two exported files, after MNIST's `t10k-images-idx3-ubyte`. */
export const EXPORT_FILES = {
  images: "drawings-images-idx3-ubyte",
  labels: "drawings-labels-idx1-ubyte",
} as const;

/** The two IDX files' bytes, and how many drawings they hold. */
export interface IdxExport {
  /** N×28×28 unsigned bytes, white digit on black. */
  images: Uint8Array;
  /** N labels, 0–9. */
  labels: Uint8Array;
  count: number;
}

/**
 * Encodes drawings (784 bytes and a label each) as MNIST's two IDX files, in
 * the order given.
 *
 * @throws {RangeError} When a drawing is not 784 bytes or a label not 0–9.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { drawingsToIdx } from "./export.ts";
 *
 * const { images, labels, count } = await drawingsToIdx([
 *   { pixels: new Uint8Array(784).fill(255, 300, 320), label: 7 },
 * ]);
 * assertEquals(count, 1);
 * assertEquals(images.length, 16 + 784); // the header, then one 28×28 image
 * assertEquals(labels.length, 8 + 1);
 * assertEquals(labels.at(-1), 7);
 * ```
 */
export async function drawingsToIdx(
  drawings:
    | AsyncIterable<{ pixels: Uint8Array; label: number }>
    | Iterable<{ pixels: Uint8Array; label: number }>,
): Promise<IdxExport> {
  const pixels: Uint8Array[] = [];
  const labels: number[] = [];
  for await (const drawing of drawings) {
    if (drawing.pixels.length !== 784) {
      throw new RangeError(
        `Cannot export drawing ${labels.length}: 784 bytes expected, got ${drawing.pixels.length}`,
      );
    }
    if (
      !Number.isInteger(drawing.label) || drawing.label < 0 || drawing.label > 9
    ) {
      throw new RangeError(
        `Cannot export drawing ${labels.length}: label ${drawing.label} is not 0–9`,
      );
    }
    pixels.push(drawing.pixels);
    labels.push(drawing.label);
  }
  const count = labels.length;
  const data = new Uint8Array(count * 784);
  pixels.forEach((image, i) => data.set(image, i * 784));
  return {
    images: encodeIdx({ shape: [count, 28, 28], data }),
    labels: encodeIdx({ shape: [count], data: Uint8Array.from(labels) }),
    count,
  };
}
