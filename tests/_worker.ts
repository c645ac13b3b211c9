/**
 * The inference worker (lib/runtime/_infer_worker.ts) for the tests that serve
 * models through a ModelRegistry: started while this module loads, with both
 * models open and held for the whole test process, so no test starts or
 * terminates it (Deno 2.5's sanitizer would count the worker against the
 * test that did).
 *
 * @module
 */

import { MODEL_NAMES } from "../lib/models.ts";
import { openModelInWorker } from "../lib/runtime/mod.ts";

/** The sessions held open in the worker, one per served model. */
export const heldSessions = await Promise.all(
  MODEL_NAMES.map((name) => openModelInWorker(name)),
);
