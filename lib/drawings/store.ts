/**
 * Readers' drawings in Deno KV: each 28×28 drawing with the digit its reader
 * meant and the models' answers, found by id, by label or by time, counted,
 * kept for a retention period and up to a bound (the oldest go first).
 *
 * Keys, written and deleted together in one atomic operation with the sums
 * that count the drawing in or out (lib/drawings/_counts.ts):
 *
 *     ["drawings", id]                          → the drawing
 *     ["drawings_by_time", time, id]            → its summary (label, answers)
 *     ["drawings_by_label", label, time, id]    → its summary
 *     ["drawings_by_expiry", expiresAt, id]     → true, for the sweep
 *
 * The store deletes expired drawings itself (KV's `expireIn` would delete
 * them without counting them out): each write and each read of the stats
 * first sweeps those past their time, and reads never show them.
 *
 * @module
 */

import { ClientError } from "../errors.ts";
import type { DrawingStats, DrawingSummary } from "./tally.ts";
import { hashToken, newToken, tokenMatches } from "./token.ts";
import { cursorOf, type ListingQuery, listingSelector } from "./_listing.ts";
import { countLegacy, moveCounts, readCount, readTally } from "./_counts.ts";
import {
  BY_EXPIRY,
  BY_ID,
  BY_TIME,
  checkNewDrawing,
  type Drawing,
  keysOf,
  type NewDrawing,
  pack,
  type StoredDrawing,
  summaryOf,
  unpack,
} from "./_record.ts";

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
  /** The clock in milliseconds (`Date.now` by default; tests pass their own). */
  now?: () => number;
}

/** 90 days, the default retention. */
export const DEFAULT_RETENTION_MS = 90 * 24 * 3600 * 1000;
/** The default bound on stored drawings. */
export const DEFAULT_MAX_DRAWINGS = 10_000;

/**
 * The drawings of readers in a Deno KV database (a local SQLite file,
 * `:memory:`, or Deno Deploy's managed KV). Safe to use concurrently, from
 * one instance or many on the same database.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { DrawingStore } from "./store.ts";
 *
 * using kv = await Deno.openKv(":memory:");
 * const store = new DrawingStore(kv);
 * const pixels = new Uint8Array(784).fill(255, 300, 320); // a stroke
 * const answer = { digit: 1, probabilities: Array(10).fill(0.1) };
 * const { drawing, deleteToken } = await store.add({
 *   pixels,
 *   label: 1,
 *   predictions: { mlp: answer },
 * });
 * assertEquals((await store.stats()).models.mlp.accuracy, 1);
 * await store.delete(drawing.id, deleteToken);
 * assertEquals((await store.stats()).count, 0);
 * ```
 */
export class DrawingStore {
  readonly retentionMs: number;
  readonly maxDrawings: number;
  #kv: Deno.Kv;
  #now: () => number;
  #legacyCounted?: Promise<void>;

  /** @throws {RangeError} When the retention or bound is not a whole number ≥ 1. */
  constructor(kv: Deno.Kv, options: DrawingStoreOptions = {}) {
    const {
      retentionMs = DEFAULT_RETENTION_MS,
      maxDrawings = DEFAULT_MAX_DRAWINGS,
    } = options;
    for (const [name, value] of Object.entries({ retentionMs, maxDrawings })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(
          `Cannot store drawings: ${name} is a whole number ≥ 1, got ${value}`,
        );
      }
    }
    this.#kv = kv;
    this.retentionMs = retentionMs;
    this.maxDrawings = maxDrawings;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Stores a drawing, its index entries and its counts in one atomic
   * operation, then deletes the oldest drawings past the bound. Returns the
   * stored drawing and its delete token, which is given only here.
   *
   * @throws {TypeError} When the pixels are not 784 bytes.
   * @throws {RangeError} When the label or a predicted digit is not a whole number 0–9.
   * @throws {ClientError} 422 when the picture has no ink (all its pixels equal).
   */
  async add(
    input: NewDrawing,
  ): Promise<{ drawing: Drawing; deleteToken: string }> {
    checkNewDrawing(input);
    const { pixels, label, predictions } = input;
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
    const stored = await pack(drawing, await hashToken(deleteToken));
    const summary = summaryOf(drawing);
    const keys = keysOf(drawing);
    const op = this.#kv.atomic()
      .check({ key: keys.record, versionstamp: null })
      .set(keys.record, stored)
      .set(keys.byTime, summary)
      .set(keys.byLabel, summary)
      .set(keys.byExpiry, true);
    if (!(await moveCounts(op, summary, 1).commit()).ok) {
      throw new Error(`Cannot store drawing ${drawing.id}: the id is taken`);
    }
    await this.#trim();
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
   * @throws {ClientError} 400 when the cursor is not one this store gave.
   * @throws {RangeError} When the label or limit is out of range.
   */
  async list(query: ListingQuery = {}): Promise<DrawingPage> {
    const { selector, limit } = listingSelector(query);
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
    const shown = found.slice(0, limit);
    const last = shown.at(-1);
    return {
      drawings: await this.#getMany(shown.map(([, id]) => id)),
      cursor: found.length > limit && last ? cursorOf(...last) : null,
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
   * How each model does on the stored drawings: the counts in KV, read at
   * one moment after the expired drawings are swept.
   *
   * @param models Models to report even before they have read a drawing.
   */
  async stats(models: readonly string[] = []): Promise<DrawingStats> {
    await this.#ready();
    // read while sweeping; read again only if the sweep deleted anything
    const [swept, tally] = await Promise.all([
      this.#sweep(),
      readTally(this.#kv),
    ]);
    return (swept ? await readTally(this.#kv) : tally).stats(models);
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

  /**
   * Deletes a drawing, its index entries and its counts unless it changed
   * since `entry` was read: of two deletes of one drawing, one counts it out.
   */
  async #remove(entry: Deno.KvEntryMaybe<StoredDrawing>): Promise<boolean> {
    const stored = entry.value;
    if (!stored) return false;
    const keys = keysOf(stored);
    const op = this.#kv.atomic()
      .check(entry)
      .delete(keys.record)
      .delete(keys.byTime)
      .delete(keys.byLabel)
      .delete(keys.byExpiry);
    // a drawing stored before the counters is counted in by countLegacy()
    if (stored.counted) moveCounts(op, summaryOf(stored), -1);
    return (await op.commit()).ok;
  }

  /** Deletes the drawings past their time (KV keeps them until then); returns how many. */
  async #sweep(): Promise<number> {
    let swept = 0;
    const now = this.#now();
    const expired = this.#kv.list({
      start: [BY_EXPIRY],
      end: [BY_EXPIRY, Math.floor(now) + 1],
    });
    for await (const { key } of expired) {
      if ((key[1] as number) > now) break;
      // another writer may have deleted it first: then it is gone all the same
      await this.#remove(await this.#kv.get<StoredDrawing>([BY_ID, key[2]]));
      swept++;
    }
    return swept;
  }

  /** Once per instance: the drawings stored before the counters, counted in. */
  #ready(): Promise<void> {
    return this.#legacyCounted ??= countLegacy(this.#kv).catch((error) => {
      this.#legacyCounted = undefined;
      throw error;
    });
  }

  /** Sweeps, then deletes the oldest drawings while there are more than `maxDrawings`. */
  async #trim() {
    await this.#ready();
    const [swept, count] = await Promise.all([
      this.#sweep(),
      readCount(this.#kv),
    ]);
    const stored = swept ? await readCount(this.#kv) : count;
    let excess = stored - this.maxDrawings;
    if (excess <= 0) return;
    const oldest = this.#kv.list<DrawingSummary>({ prefix: [BY_TIME] });
    for await (const { key } of oldest) {
      const entry = await this.#kv.get<StoredDrawing>([BY_ID, key.at(-1)!]);
      // another writer may have deleted it first: that one counts too
      await this.#remove(entry);
      if (--excess <= 0) break;
    }
  }
}
