/**
 * Readers' drawings: the store in Deno KV (records, indexes, counts, expiry),
 * its settings from the environment, and the export in MNIST's IDX format.
 * What the routes, the scripts and main.ts import; the files named `_x.ts`
 * are this folder's own.
 *
 * @module
 */

export {
  DEFAULT_MAX_DRAWINGS,
  DEFAULT_RETENTION_MS,
  type DrawingPage,
  DrawingStore,
  type DrawingStoreOptions,
} from "./store.ts";
export {
  checkInk,
  type Drawing,
  type ModelAnswer,
  type NewDrawing,
} from "./_record.ts";
export { CURSOR_PATTERN, type ListingQuery, MAX_PAGE } from "./_listing.ts";
export type { DrawingStats, ModelScore } from "./tally.ts";
export {
  DEFAULT_KV_PATH,
  type DrawingSettings,
  drawingsFromEnv,
  type Env,
  KvOpenError,
  kvPath,
  onDeploy,
  openDrawingsKv,
} from "./settings.ts";
export { drawingsToIdx, EXPORT_FILES, type IdxExport } from "./export.ts";
