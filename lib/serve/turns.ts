/**
 * Work that holds the event loop for tens of milliseconds at a time — parsing
 * a JSON body of megabytes — taken one piece per turn of the event loop: each
 * piece waits for the one before it to end, then for a fresh turn, so other
 * requests (a health check, a single image) are answered between two pieces
 * instead of behind all of them.
 *
 * @module
 */

/** Runs `work` in its turn; resolves or rejects as it does. */
export type Turns = <T>(work: () => T) => Promise<T>;

/**
 * A queue of turns: pieces run one after another, each after a `setTimeout`
 * tick (so the event loop polls for I/O in between).
 *
 * @example
 * ```ts
 * import { createTurns } from "./turns.ts";
 * const turn = createTurns();
 * const [a, b] = await Promise.all([turn(() => 1), turn(() => 2)]);
 * console.assert(a === 1 && b === 2);
 * ```
 */
export function createTurns(): Turns {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => T): Promise<T> => {
    const run = tail.then(
      () => new Promise((resolve) => setTimeout(resolve, 0)),
    ).then(work);
    tail = run.catch(() => {});
    return run;
  };
}
