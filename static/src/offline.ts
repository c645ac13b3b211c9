/**
 * A call that reached no server — the device is offline, the server is down
 * or the connection dropped — fails with one message, {@linkcode OFFLINE},
 * which the page's texts put in words in each language, never the browser's
 * own ("Failed to fetch", "NetworkError when attempting to fetch resource",
 * "Load failed").
 *
 * @module
 */

/** The message of a call that reached no server (texts/failure.ts words it). */
export const OFFLINE = "offline: no server answered";

/**
 * `fetch()`, whose network failure (a `TypeError`: no answer at all) becomes
 * an `Error` with the message {@linkcode OFFLINE}; an abort stays an
 * AbortError, and an answer of any status is returned as it is.
 *
 * @throws {Error} {@linkcode OFFLINE} when no server answered.
 * @throws {DOMException} AbortError when the signal aborts.
 */
export async function reach(
  input: string,
  init?: RequestInit,
): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (error instanceof TypeError) throw new Error(OFFLINE, { cause: error });
    throw error;
  }
}
