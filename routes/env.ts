/**
 * The app's Hono environment: what the middlewares hand on to the routes in
 * `c.var`, typed, one field each.
 *
 * @module
 */

import type { TimeLimitVariables } from "./middleware/time_limit.ts";
import type { WorkBudgetVariables } from "./middleware/work_budget.ts";

/** The `Env` of every route: `new Hono<AppEnv>()`, `Context<AppEnv>`. */
export interface AppEnv {
  Variables: TimeLimitVariables & WorkBudgetVariables;
}
