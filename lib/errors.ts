/**
 * The two refusals the server answers as they are, each its own type: a
 * client's mistake ({@linkcode ClientError}, a 4xx that says how to fix the
 * request) and the server being busy ({@linkcode ServerBusy}, a 503 that says
 * when to come back). Every other exception is a bug: a logged 500.
 *
 * @module
 */

/** The statuses of a client's mistake. */
export type ClientStatus =
  | 400
  | 403
  | 404
  | 405
  | 409
  | 413
  | 415
  | 422
  | 429;

/**
 * A client's mistake: wrong shape, value out of range, unreadable image, body
 * too large, unknown model. The message says how to fix the request.
 *
 * @example Refusing a pixel out of range
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ClientError } from "./errors.ts";
 *
 * const error = new ClientError(422, "pixel 3 is 2, values in [0, 1] expected");
 * assertEquals(error.status, 422);
 * ```
 */
export class ClientError extends Error {
  /** The HTTP status of the answer. */
  readonly status: ClientStatus;

  constructor(
    status: ClientStatus,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ClientError";
    this.status = status;
  }
}

/**
 * The server is busy: too much work in flight, a queue full, the time limit
 * passed. Answered 503 with `Retry-After`; the message says what to do.
 *
 * @example Refusing work for a second
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { ServerBusy } from "./errors.ts";
 *
 * const error = new ServerBusy("busy decoding other images: try again", {
 *   retryAfterSeconds: 1,
 * });
 * assertEquals([error.status, error.retryAfterSeconds], [503, 1]);
 * ```
 */
export class ServerBusy extends Error {
  /** The HTTP status of the answer: always 503. */
  readonly status = 503;
  /** When to come back, in whole seconds (the `Retry-After` header), at least 1. */
  readonly retryAfterSeconds: number;
  /** What was full, for the metrics: the memory budget, a queue, or the time limit. */
  readonly reason: "budget" | "queue" | "time";

  constructor(
    message: string,
    options: {
      retryAfterSeconds?: number;
      cause?: unknown;
      reason?: "budget" | "queue" | "time";
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ServerBusy";
    this.reason = options.reason ?? "queue";
    this.retryAfterSeconds = Math.max(
      1,
      Math.ceil(options.retryAfterSeconds ?? 1),
    );
  }
}

/**
 * An error as a worker posts it back (an Error does not cross postMessage
 * whole): a refusal, by its kind and fields, or a bug, by its stack.
 */
export type PostedError =
  | { refusal: "client"; status: ClientStatus; message: string }
  | {
    refusal: "busy";
    message: string;
    retryAfterSeconds: number;
    reason: ServerBusy["reason"];
  }
  | { bug: string };

/** What a worker posts for an error it caught; {@linkcode receiveError} turns it back. */
export function postError(error: unknown): PostedError {
  if (error instanceof ClientError) {
    return { refusal: "client", status: error.status, message: error.message };
  }
  if (error instanceof ServerBusy) {
    const { message, retryAfterSeconds, reason } = error;
    return { refusal: "busy", message, retryAfterSeconds, reason };
  }
  return {
    bug: error instanceof Error
      ? error.stack ?? `${error.name}: ${error.message}`
      : String(error),
  };
}

/**
 * The error a worker posted, on the other side: the same refusal
 * ({@linkcode ClientError} or {@linkcode ServerBusy}), else an Error that
 * names the worker and carries the stack.
 */
export function receiveError(posted: PostedError, worker: string): Error {
  if ("bug" in posted) return new Error(`The ${worker} failed: ${posted.bug}`);
  if (posted.refusal === "busy") {
    return new ServerBusy(posted.message, {
      retryAfterSeconds: posted.retryAfterSeconds,
      reason: posted.reason,
    });
  }
  return new ClientError(posted.status, posted.message);
}
