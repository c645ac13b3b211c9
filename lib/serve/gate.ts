/**
 * A counting semaphore: at most `limit` pieces of work at once, the rest wait
 * in arrival order. Bounds the memory that large requests take together.
 *
 * @module
 */

/** Runs work with at most a fixed number at once. */
export interface Gate {
  /** Runs `work` once a place is free; the place frees when it settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Pieces of work running now. */
  readonly active: number;
  /** Pieces of work waiting for a place. */
  readonly waiting: number;
}

/**
 * Creates a gate of `limit` places.
 *
 * @throws {RangeError} When `limit` is not a positive integer.
 */
export function createGate(limit: number): Gate {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `Cannot create a gate: limit must be a positive integer, got ${limit}`,
    );
  }
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next(); // the place passes straight to the next in line
    else active--;
  };
  return {
    async run(work) {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
