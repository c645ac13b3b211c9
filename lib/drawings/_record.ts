/**
 * A drawing as the store is given it, gives it back, and keeps it in KV: the
 * checks a new drawing passes, its keys, and its pixels deflated.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import type { DrawingSummary } from "./tally.ts";

/** One model's answer for a drawing. */
export interface ModelAnswer {
  /** The digit it read, 0–9. */
  digit: number;
  /** Ten probabilities, one per digit. */
  probabilities: number[];
}

/** What a reader sends, with the answers the server got for it. */
export interface NewDrawing {
  /** 784 bytes 0–255, row-major, white digit on black: MNIST's format. */
  pixels: Uint8Array;
  /** The digit the reader meant, 0–9. */
  label: number;
  /** Each model's answer, by model name. */
  predictions: Record<string, ModelAnswer>;
}

/** A stored drawing, as the store gives it back (never with its token). */
export interface Drawing extends NewDrawing {
  /** A random UUID. */
  id: string;
  /** When it was stored, in milliseconds since the epoch. */
  createdAt: number;
  /** When it will be deleted, in milliseconds since the epoch. */
  expiresAt: number;
}

/** A drawing as KV holds it. */
export interface StoredDrawing extends Omit<Drawing, "pixels"> {
  /**
   * The 784 pixel bytes, deflate-raw compressed: a digit is mostly black, so
   * about 190 bytes instead of 784, and the whole record fits in one SQLite
   * page instead of spilling into an overflow page.
   */
  deflated: Uint8Array;
  /** SHA-256 of the delete token (hex); the token itself is never stored. */
  tokenHash: string;
  /**
   * Whether the drawing is in the counters (every drawing stored since they
   * exist; older ones are counted in once, by `countLegacy`).
   */
  counted?: true;
}

/** The drawing itself. */
export const BY_ID = "drawings";
/** Its summary by time, for listings, counts and the export. */
export const BY_TIME = "drawings_by_time";
/** Its summary by label and time, for the gallery's filter. */
export const BY_LABEL = "drawings_by_label";
/** Its id by expiry, for the sweep that deletes expired drawings. */
export const BY_EXPIRY = "drawings_by_expiry";

/** The four keys of a drawing: the record, then its index entries. */
export function keysOf(
  { id, createdAt, label, expiresAt }: Pick<
    Drawing,
    "id" | "createdAt" | "label" | "expiresAt"
  >,
): {
  record: Deno.KvKey;
  byTime: Deno.KvKey;
  byLabel: Deno.KvKey;
  byExpiry: Deno.KvKey;
} {
  return {
    record: [BY_ID, id],
    byTime: [BY_TIME, createdAt, id],
    byLabel: [BY_LABEL, label, createdAt, id],
    byExpiry: [BY_EXPIRY, expiresAt, id],
  };
}

/** What is counted and listed of a drawing: its label, the digits read, its expiry. */
export function summaryOf(
  drawing: Pick<Drawing, "label" | "predictions" | "expiresAt">,
): DrawingSummary {
  return {
    label: drawing.label,
    digits: Object.fromEntries(
      Object.entries(drawing.predictions).map(([name, p]) => [name, p.digit]),
    ),
    expiresAt: drawing.expiresAt,
  };
}

/**
 * Refuses a picture with no ink: 784 equal values (all black, all white, one
 * grey) hold no digit, as `/api/predict` refuses a picture with nothing drawn.
 *
 * @throws {ClientError} 422 when every pixel is the same.
 */
export function checkInk(pixels: Uint8Array): void {
  if (pixels.every((value) => value === pixels[0])) {
    const value = Number((pixels[0] / 255).toFixed(3));
    throw new ClientError(
      422,
      `Cannot store a drawing: the picture has no ink (every pixel is ${value}: nothing was drawn)`,
    );
  }
}

/**
 * Checks a new drawing as the store takes it.
 *
 * @throws {TypeError} When the pixels are not 784 bytes.
 * @throws {RangeError} When the label or a predicted digit is not a whole number 0–9.
 * @throws {ClientError} 422 when the picture has no ink ({@linkcode checkInk}).
 */
export function checkNewDrawing({ pixels, label, predictions }: NewDrawing) {
  if (!(pixels instanceof Uint8Array) || pixels.length !== 784) {
    throw new TypeError(
      `Cannot store a drawing: 784 bytes expected, got ${pixels?.length}`,
    );
  }
  const digits = [label, ...Object.values(predictions).map((p) => p.digit)];
  for (const digit of digits) {
    if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
      throw new RangeError(
        `Cannot store a drawing: digits are whole numbers 0–9, got ${digit}`,
      );
    }
  }
  checkInk(pixels);
}

/** Bytes through a CompressionStream or DecompressionStream. */
async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const body = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** A drawing as KV keeps it: pixels deflated, the token's hash, counted. */
export async function pack(
  drawing: Drawing,
  tokenHash: string,
): Promise<StoredDrawing> {
  const { pixels, ...rest } = drawing;
  const deflated = await through(pixels, new CompressionStream("deflate-raw"));
  return { ...rest, deflated, tokenHash, counted: true };
}

/**
 * The drawing in a stored record, pixels inflated, without its token hash.
 *
 * @throws {SyntaxError} When the pixels do not inflate to 784 bytes.
 */
export async function unpack(stored: StoredDrawing): Promise<Drawing> {
  const { deflated, tokenHash: _, counted: __, ...drawing } = stored;
  const pixels = await through(
    deflated,
    new DecompressionStream("deflate-raw"),
  );
  if (pixels.length !== 784) {
    throw new SyntaxError(
      `Cannot read drawing ${stored.id}: 784 pixel bytes expected, got ${pixels.length}`,
    );
  }
  return { ...drawing, pixels };
}
