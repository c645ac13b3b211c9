/**
 * The page in English.
 *
 * @module
 */

import type { Texts } from "../types.ts";
import { engine } from "./engine.ts";
import { inside } from "./inside.ts";
import { page } from "./page.ts";
import { play } from "./play.ts";
import { readers } from "./readers.ts";
import { steps } from "./steps.ts";
import { testRun } from "./test_run.ts";
import { testSet } from "./test_set.ts";

/** Every string of the page in English. */
export const en: Texts = {
  ...page,
  ...play,
  ...readers,
  ...testSet,
  ...inside,
  engine,
  steps,
  testRun,
};
