/**
 * The book's batch loop over the test set, and the report it writes
 * (accuracy, confusion, per-digit precision and recall, every misread).
 *
 * @module
 */

export * from "./batch_loop.ts";
export * from "./report.ts";
