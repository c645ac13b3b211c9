/**
 * Where JSON is parsed: a helper of the tests that check that large bodies
 * are parsed off the event loop.
 *
 * @module
 */

/**
 * Runs `work`, counting the calls of `JSON.parse` on this thread (the event
 * loop's) with a text longer than `length`: a body parsed in a worker is
 * never one of them.
 */
export async function parsesOver(
  length: number,
  work: () => Promise<void>,
): Promise<number> {
  const parse = JSON.parse;
  let count = 0;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
    if (text.length > length) count++;
    return parse(text, reviver);
  };
  try {
    await work();
  } finally {
    JSON.parse = parse;
  }
  return count;
}
