/**
 * Load shedding by memory: each API request takes its share of one byte
 * budget as its body arrives (times what parsing or decoding it costs) and
 * gives it back when it ends. A request that does not fit is answered 503
 * with Retry-After at once, instead of waiting for the time limit.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { ClientError, ServerBusy } from "../lib/errors.ts";
import { type Budget, createBudget } from "../lib/http/mod.ts";

/**
 * The default budget of work in flight: 80 MiB (`WORK_BUDGET_MB`). A JSON
 * body at its limit (16 MiB, charged 4×) fits it; under the soak's hostile
 * mix it keeps a 512 MB instance under 450 MB (peaks 425–436 MB, against
 * 433–454 with 96 MiB, for the same requests a second).
 */
export const DEFAULT_WORK_BUDGET = 80 * 1024 * 1024;

/** Options of {@linkcode workBudget}. */
export interface WorkBudgetOptions {
  /** The budget in bytes; {@linkcode DEFAULT_WORK_BUDGET} by default. */
  limit?: number;
}

interface Account {
  budget: Budget;
  taken: number;
}

const accounts = new WeakMap<Request, Account>();

/**
 * Gives each request an account on one shared budget, settled when the
 * request's work ends (its share stays taken while its data is in memory).
 */
export function workBudget(options: WorkBudgetOptions = {}): MiddlewareHandler {
  const budget = createBudget(options.limit ?? DEFAULT_WORK_BUDGET);
  const middleware: MiddlewareHandler & { budget?: Budget } = async (
    c,
    next,
  ) => {
    const account = { budget, taken: 0 };
    accounts.set(c.req.raw, account);
    try {
      await next();
    } finally {
      budget.give(account.taken);
      account.taken = 0;
    }
  };
  middleware.budget = budget;
  return middleware;
}

/**
 * Takes `bytes` of the budget for this request's work.
 *
 * @param tooLarge What a 413 says when the work could never fit the whole budget.
 * @throws {ClientError} 413 when `bytes` is over the whole budget.
 * @throws {ServerBusy} When it is over what is left now.
 */
export function chargeWork(
  c: Context,
  bytes: number,
  tooLarge?: (limit: number) => string,
): void {
  const account = accounts.get(c.req.raw);
  if (!account) return; // no budget on this route (e.g. an app without it)
  if (tooLarge && bytes > account.budget.limit) {
    throw new ClientError(413, tooLarge(account.budget.limit));
  }
  if (!account.budget.take(bytes)) {
    throw new ServerBusy(
      "The server is at its limit of work in flight: try again in a moment, or send a smaller batch",
    );
  }
  account.taken += bytes;
}
