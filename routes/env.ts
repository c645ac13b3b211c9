/**
 * The app's Hono environment: what the middlewares hand on to the routes in
 * `c.var`, typed, one field each.
 *
 * @module
 */

import type {
  TimeLimitVariables,
  WorkBudgetVariables,
} from "./middleware/admission.ts";

/** The `Env` of every route: `new Hono<AppEnv>()`, `Context<AppEnv>`. */
export interface AppEnv {
  Variables: TimeLimitVariables & WorkBudgetVariables;
}
