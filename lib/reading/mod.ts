/**
 * When a reading is unsure, for the page: the two networks disagree, the two
 * best answers are close, or the drawing is a dot or a line.
 *
 * @module
 */

export * from "./doubt.ts";
