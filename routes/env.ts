/**
 * The app's Hono environment: what the middlewares hand on to the routes in
 * `c.var`, typed, one field each.
 *
 * @module
 */

import type { HttpMetrics } from "../lib/observe/mod.ts";
import type {
  TimeLimitVariables,
  WorkBudgetVariables,
} from "./middleware/admission.ts";

/** What the edge and the inference routes hand on for the metrics and the log. */
export interface ObserveVariables {
  /** The app's metrics, to count in (set by the edge on every request, unless counting is off). */
  metrics?: HttpMetrics;
  /** The model an inference request is for, once the route knows it. */
  model?: string;
  /** How many images it held, once read. */
  images?: number;
}

/** The `Env` of every route: `new Hono<AppEnv>()`, `Context<AppEnv>`. */
export interface AppEnv {
  Variables: TimeLimitVariables & WorkBudgetVariables & ObserveVariables;
}
