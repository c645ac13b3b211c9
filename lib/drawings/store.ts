/**
 * Readers' drawings in Deno KV: each 28×28 drawing with the digit its reader
 * meant and the models' answers, found by id, by label or by time, kept for
 * a retention period (KV `expireIn`) and up to a bound (the oldest go first).
 *
 * Keys, written together in one atomic operation:
 *
 *     ["drawings", id]                          → the drawing
 *     ["drawings_by_time", time, id]            → its summary (label, answers)
 *     ["drawings_by_label", label, time, id]    → its summary
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import { type DrawingStats, type DrawingSummary, Tally } from "./tally.ts";
import { hashToken, newToken, tokenMatches } from "./token.ts";

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

/** One page of a listing, newest first. */
export interface DrawingPage {
  drawings: Drawing[];
  /** Where the next page starts, or null on the last page. */
  cursor: string | null;
}

/** Options of {@linkcode DrawingStore}. */
export interface DrawingStoreOptions {
  /** How long a drawing is kept, in milliseconds: 90 days by default. */
  retentionMs?: number;
  /** The most drawings kept: 10,000 by default; past it the oldest are deleted. */
  maxDrawings?: number;
  /**
   * How long the counts read from KV are trusted before they are read again,
   * in milliseconds (1 minute by default). This process's own writes update
   * them at once; other instances' writes show within this time.
   */
  refreshMs?: number;
  /** The clock in milliseconds (`Date.now` by default; tests pass their own). */
  now?: () => number;
}

/** 90 days, the default retention. */
export const DEFAULT_RETENTION_MS = 90 * 24 * 3600 * 1000;
/** The default bound on stored drawings. */
export const DEFAULT_MAX_DRAWINGS = 10_000;
/** The largest page of a listing. */
export const MAX_PAGE = 100;

/** A drawing as KV holds it. */
interface StoredDrawing extends Omit<Drawing, "pixels"> {
  /**
   * The 784 pixel bytes, deflate-raw compressed: a digit is mostly black, so
   * about 190 bytes instead of 784, and the whole record fits in one SQLite
   * page instead of spilling into an overflow page (5 KiB a drawing → 1.6).
   */
  deflated: Uint8Array;
  /** SHA-256 of the delete token (hex); the token itself is never stored. */
  tokenHash: string;
}

const BY_ID = "drawings";
const BY_TIME = "drawings_by_time";
const BY_LABEL = "drawings_by_label";

function summaryOf(
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

/** Bytes through a CompressionStream or DecompressionStream. */
async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const body = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** The drawing in a stored record, pixels inflated, without its token hash. */
async function unpack(stored: StoredDrawing): Promise<Drawing> {
  const { deflated, tokenHash: _, ...drawing } = stored;
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

/** `time_id`, the position of a drawing in a listing. */
function cursorOf(time: number, id: string): string {
  return `${time}_${id}`;
}

function parseCursor(cursor: string): [number, string] {
  const match = /^(\d{1,15})_([0-9a-f-]{36})$/.exec(cursor);
  if (!match) {
    throw new ClientError(
      400,
      "Invalid cursor: pass back the cursor of the previous page as it came",
    );
  }
  return [Number(match[1]), match[2]];
}

/**
 * The drawings of readers in a Deno KV database (a local SQLite file,
 * `:memory:`, or Deno Deploy's managed KV). Safe to use concurrently.
 */
export class DrawingStore {
  readonly retentionMs: number;
  readonly maxDrawings: number;
  readonly refreshMs: number;
  #kv: Deno.Kv;
  #now: () => number;
  #tally?: Promise<{ tally: Tally; readAt: number }>;

  /** @throws {RangeError} When the retention, bound or refresh time is not a positive whole number. */
  constructor(kv: Deno.Kv, options: DrawingStoreOptions = {}) {
    const {
      retentionMs = DEFAULT_RETENTION_MS,
      maxDrawings = DEFAULT_MAX_DRAWINGS,
      refreshMs = 60_000,
    } = options;
    for (const [name, value] of Object.entries({ retentionMs, maxDrawings })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(
          `Cannot store drawings: ${name} is a whole number ≥ 1, got ${value}`,
        );
      }
    }
    if (!(refreshMs >= 0)) {
      throw new RangeError(
        `Cannot store drawings: refreshMs is ≥ 0, got ${refreshMs}`,
      );
    }
    this.#kv = kv;
    this.retentionMs = retentionMs;
    this.maxDrawings = maxDrawings;
    this.refreshMs = refreshMs;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Stores a drawing and its index entries in one atomic operation, then
   * deletes the oldest drawings past the bound. Returns the stored drawing
   * and its delete token, which is given only here.
   *
   * @throws {TypeError} When the pixels are not 784 bytes.
   * @throws {RangeError} When the label or a predicted digit is not a whole number 0–9.
   */
  async add(
    input: NewDrawing,
  ): Promise<{ drawing: Drawing; deleteToken: string }> {
    const { pixels, label, predictions } = input;
    if (!(pixels instanceof Uint8Array) || pixels.length !== 784) {
      throw new TypeError(
        `Cannot store a drawing: 784 bytes expected, got ${pixels?.length}`,
      );
    }
    for (
      const digit of [
        label,
        ...Object.values(predictions).map((p) => p.digit),
      ]
    ) {
      if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
        throw new RangeError(
          `Cannot store a drawing: digits are whole numbers 0–9, got ${digit}`,
        );
      }
    }
    const { tally } = await this.#counts();
    const deleteToken = newToken();
    const createdAt = this.#now();
    const drawing: Drawing = {
      id: crypto.randomUUID(),
      label,
      pixels: new Uint8Array(pixels),
      predictions,
      createdAt,
      expiresAt: createdAt + this.retentionMs,
    };
    const { pixels: _, ...rest } = drawing;
    const stored: StoredDrawing = {
      ...rest,
      deflated: await through(pixels, new CompressionStream("deflate-raw")),
      tokenHash: await hashToken(deleteToken),
    };
    const summary = summaryOf(drawing);
    const expireIn = this.retentionMs;
    const { id } = drawing;
    const result = await this.#kv.atomic()
      .check({ key: [BY_ID, id], versionstamp: null })
      .set([BY_ID, id], stored, { expireIn })
      .set([BY_TIME, createdAt, id], summary, { expireIn })
      .set([BY_LABEL, label, createdAt, id], summary, { expireIn })
      .commit();
    if (!result.ok) {
      throw new Error(`Cannot store drawing ${id}: the id is taken`);
    }
    tally.add(summary);
    await this.#trim(tally);
    return { drawing, deleteToken };
  }

  /** A drawing by id, or null when there is none (or it has expired). */
  async get(id: string): Promise<Drawing | null> {
    const { value } = await this.#kv.get<StoredDrawing>([BY_ID, id]);
    if (!value || value.expiresAt <= this.#now()) return null;
    return await unpack(value);
  }

  /**
   * A page of drawings, newest first, all of them or those of one label.
   *
   * @param query.limit 1 to {@linkcode MAX_PAGE} (20 by default).
   * @param query.cursor The `cursor` of the page before, to read on.
   * @throws {ClientError} 400 when the cursor is not one this store gave.
   * @throws {RangeError} When the label or limit is out of range.
   */
  async list(
    query: { label?: number; limit?: number; cursor?: string } = {},
  ): Promise<DrawingPage> {
    const { label, limit = 20, cursor } = query;
    if (
      label !== undefined &&
      !(Number.isInteger(label) && label >= 0 && label <= 9)
    ) {
      throw new RangeError(`Cannot list drawings: label ${label} is not 0–9`);
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new RangeError(
        `Cannot list drawings: limit is 1 to ${MAX_PAGE}, got ${limit}`,
      );
    }
    const prefix = label === undefined ? [BY_TIME] : [BY_LABEL, label];
    const selector = cursor === undefined
      ? { prefix }
      : { prefix, end: [...prefix, ...parseCursor(cursor)] };
    const now = this.#now();
    const found: [number, string][] = [];
    const entries = this.#kv.list<DrawingSummary>(selector, {
      reverse: true,
      batchSize: Math.min(limit + 1, 500),
    });
    for await (const { key, value } of entries) {
      if (value.expiresAt <= now) continue;
      found.push([key.at(-2) as number, key.at(-1) as string]);
      if (found.length > limit) break;
    }
    const more = found.length > limit;
    const shown = found.slice(0, limit);
    const drawings = await this.#getMany(shown.map(([, id]) => id));
    const last = shown.at(-1);
    return {
      drawings,
      cursor: more && last ? cursorOf(...last) : null,
    };
  }

  /**
   * Deletes a drawing, given the token that `add` returned for it.
   *
   * @throws {ClientError} 404 when there is no such drawing, 403 when the token is wrong.
   */
  async delete(id: string, token: string): Promise<void> {
    const entry = await this.#kv.get<StoredDrawing>([BY_ID, id]);
    const stored = entry.value;
    if (!stored || stored.expiresAt <= this.#now()) {
      throw new ClientError(
        404,
        `No drawing ${id}: it was deleted or has expired`,
      );
    }
    if (!(await tokenMatches(token, stored.tokenHash))) {
      throw new ClientError(
        403,
        "Wrong delete token: only the token given when the drawing was stored deletes it",
      );
    }
    if (!(await this.#remove(entry))) {
      throw new ClientError(404, `No drawing ${id}: it was deleted meanwhile`);
    }
  }

  /**
   * How each model does on the stored drawings. Counts of every drawing,
   * read from KV at most every `refreshMs` and moved by this process's own
   * writes in between.
   *
   * @param models Models to report even before they have read a drawing.
   */
  async stats(models: readonly string[] = []): Promise<DrawingStats> {
    const { tally } = await this.#counts();
    return tally.stats(models);
  }

  /** Every stored drawing, oldest first (for the export). */
  async *all(): AsyncGenerator<Drawing> {
    const now = this.#now();
    let ids: string[] = [];
    for await (
      const { key, value } of this.#kv.list<DrawingSummary>({
        prefix: [BY_TIME],
      }, { batchSize: 500 })
    ) {
      if (value.expiresAt <= now) continue;
      ids.push(key.at(-1) as string);
      if (ids.length === 100) {
        yield* await this.#getMany(ids);
        ids = [];
      }
    }
    yield* await this.#getMany(ids);
  }

  /** Drawings by id in the given order, skipping any gone meanwhile (`getMany` reads 10 keys a call). */
  async #getMany(ids: string[]): Promise<Drawing[]> {
    const now = this.#now();
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 10) chunks.push(ids.slice(i, i + 10));
    const read = await Promise.all(
      chunks.map((chunk) =>
        this.#kv.getMany<StoredDrawing[]>(chunk.map((id) => [BY_ID, id]))
      ),
    );
    const live = read.flat().flatMap(({ value }) =>
      value && value.expiresAt > now ? [value] : []
    );
    return await Promise.all(live.map(unpack));
  }

  /** Deletes a drawing and its index entries unless it changed since `entry` was read. */
  async #remove(entry: Deno.KvEntryMaybe<StoredDrawing>): Promise<boolean> {
    const stored = entry.value;
    if (!stored) return false;
    const { id, createdAt, label } = stored;
    const result = await this.#kv.atomic()
      .check(entry)
      .delete([BY_ID, id])
      .delete([BY_TIME, createdAt, id])
      .delete([BY_LABEL, label, createdAt, id])
      .commit();
    if (!result.ok) return false;
    const counts = await this.#tally;
    counts?.tally.remove(summaryOf(stored));
    return true;
  }

  /** Deletes the oldest drawings while there are more than `maxDrawings`. */
  async #trim(tally: Tally) {
    let excess = tally.count - this.maxDrawings;
    if (excess <= 0) return;
    const now = this.#now();
    const oldest = this.#kv.list<DrawingSummary>({ prefix: [BY_TIME] });
    for await (const { key, value } of oldest) {
      if (value.expiresAt <= now) continue;
      const entry = await this.#kv.get<StoredDrawing>([BY_ID, key.at(-1)!]);
      // another writer may have deleted it first: that one counts too
      await this.#remove(entry);
      if (--excess <= 0) break;
    }
  }

  /** The counts, read again from KV when older than `refreshMs`. */
  #counts(): Promise<{ tally: Tally; readAt: number }> {
    const now = this.#now();
    const current = this.#tally;
    if (current) {
      return current.then((counts) => {
        if (now - counts.readAt <= this.refreshMs) return counts;
        if (this.#tally === current) this.#tally = this.#read();
        return this.#tally!;
      });
    }
    return this.#tally = this.#read();
  }

  /** Counts every stored drawing (a scan of the small time index). */
  async #read(): Promise<{ tally: Tally; readAt: number }> {
    const readAt = this.#now();
    const tally = new Tally();
    const entries = this.#kv.list<DrawingSummary>({ prefix: [BY_TIME] }, {
      batchSize: 1000,
    });
    for await (const { value } of entries) {
      if (value.expiresAt > readAt) tally.add(value);
    }
    return { tally, readAt };
  }
}
