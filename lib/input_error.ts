/**
 * The one error type for a client's mistake found in `lib/`: it carries the
 * HTTP status that says what kind of mistake it is, so the server answers it
 * as is, while every other exception stays a bug (a logged 500).
 *
 * @module
 */

/** The statuses a client's mistake can have. */
export type InputStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/**
 * A client's mistake: wrong shape, value out of range, unreadable image, body
 * too large, unknown model. The message says how to fix the request.
 *
 * @example
 * ```ts
 * import { InputError } from "./input_error.ts";
 * const error = new InputError(422, "pixel 3 is 2, values in [0, 1] expected");
 * console.assert(error.status === 422);
 * ```
 */
export class InputError extends Error {
  /** The HTTP status of the answer: 4xx (503 only for load shedding). */
  readonly status: InputStatus;
  /** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
  readonly headers: Record<string, string>;

  constructor(
    status: InputStatus,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "InputError";
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/**
 * An error as a worker posts it back (an Error does not cross postMessage
 * whole): a client's mistake, by status, message and headers, or a bug, by
 * its stack.
 */
export type PostedError =
  | { status: InputStatus; message: string; headers: Record<string, string> }
  | { bug: string };

/** What a worker posts for an error it caught; {@linkcode receiveError} turns it back. */
export function postError(error: unknown): PostedError {
  if (error instanceof InputError) {
    const { status, message, headers } = error;
    return { status, message, headers };
  }
  return {
    bug: error instanceof Error
      ? error.stack ?? `${error.name}: ${error.message}`
      : String(error),
  };
}

/**
 * The error a worker posted, on the other side: the same InputError for a
 * client's mistake, else an Error that names the worker and carries the stack.
 */
export function receiveError(posted: PostedError, worker: string): Error {
  if ("bug" in posted) return new Error(`The ${worker} failed: ${posted.bug}`);
  return new InputError(posted.status, posted.message, {
    headers: posted.headers,
  });
}
