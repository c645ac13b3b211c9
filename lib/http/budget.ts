/**
 * A byte budget for the work in flight: every request takes a share as its
 * body arrives (and as its image decodes), and gives it back when it ends.
 * When the budget is spent, new work is refused at once rather than queued,
 * so the server's memory stays bounded whatever mix of requests arrives.
 *
 * @module
 */

/** A pool of bytes that work takes from and gives back. */
export interface Budget {
  /** The whole budget, in bytes. */
  readonly limit: number;
  /** Bytes taken now. */
  readonly used: number;
  /** Takes `bytes` if they fit; says whether they did. */
  take(bytes: number): boolean;
  /** Gives back bytes taken earlier. */
  give(bytes: number): void;
}

/**
 * Creates a budget of `limit` bytes.
 *
 * @throws {RangeError} When `limit` is not a positive number.
 */
export function createBudget(limit: number): Budget {
  if (!(limit > 0)) {
    throw new RangeError(
      `Cannot create a budget: limit must be a positive number of bytes, got ${limit}`,
    );
  }
  let used = 0;
  return {
    limit,
    get used() {
      return used;
    },
    take(bytes) {
      if (used + bytes > limit) return false;
      used += bytes;
      return true;
    },
    give(bytes) {
      used = Math.max(0, used - bytes);
    },
  };
}
