/**
 * Load shedding by memory: each API request takes its share of one byte
 * budget as its body arrives (times what parsing or decoding it costs) and
 * gives it back when it ends. A request that does not fit is answered 503
 * with Retry-After at once, instead of waiting for the time limit.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { ClientError, ServerBusy } from "../../lib/errors.ts";
import { type Budget, createBudget } from "../../lib/http/mod.ts";
import { WORK_BUDGET_MB } from "../../lib/limits.ts";

/** What {@linkcode workBudget} hands on in `c.var`. */
export interface WorkBudgetVariables {
  /** The request's account on the work budget (unset where there is no budget). */
  work?: WorkAccount;
}

/**
 * The default budget of work in flight, in bytes (`WORK_BUDGET_MB` of
 * lib/limits.ts). A JSON body at its limit (charged 4×) fits it, and under
 * the soak's hostile mix it keeps a 512 MB instance under 450 MB
 * (docs/BENCHMARKS.md, Round 8).
 */
export const DEFAULT_WORK_BUDGET = WORK_BUDGET_MB * 1024 * 1024;

/** Options of {@linkcode workBudget}. */
export interface WorkBudgetOptions {
  /** The budget in bytes; {@linkcode DEFAULT_WORK_BUDGET} by default. */
  limit?: number;
}

/** A request's share of the budget, in `c.var.work`. */
export interface WorkAccount {
  /**
   * Takes `bytes` of the budget for this request's work, kept until the
   * request ends.
   *
   * @param tooLarge What a 413 says when the work could never fit the whole budget.
   * @throws {ClientError} 413 when `bytes` is over the whole budget (with `tooLarge`).
   * @throws {ServerBusy} When it is over what is left now.
   */
  charge(bytes: number, tooLarge?: (limit: number) => string): void;
}

/**
 * Gives each request an account on one shared budget (`c.var.work`), settled
 * when the request's work ends: its share stays taken while its data is in
 * memory. The middleware's `budget` is the budget itself, for tests.
 */
export function workBudget(
  options: WorkBudgetOptions = {},
): MiddlewareHandler<{ Variables: WorkBudgetVariables }> & { budget: Budget } {
  const budget = createBudget(options.limit ?? DEFAULT_WORK_BUDGET);
  const middleware: MiddlewareHandler<{ Variables: WorkBudgetVariables }> =
    async (c, next) => {
      let taken = 0;
      c.set("work", {
        charge(bytes, tooLarge) {
          if (tooLarge && bytes > budget.limit) {
            throw new ClientError(413, tooLarge(budget.limit));
          }
          if (!budget.take(bytes)) {
            throw new ServerBusy(
              "The server is at its limit of work in flight: try again in a moment, or send a smaller batch",
            );
          }
          taken += bytes;
        },
      });
      try {
        await next();
      } finally {
        budget.give(taken);
        taken = 0;
      }
    };
  return Object.assign(middleware, { budget });
}
