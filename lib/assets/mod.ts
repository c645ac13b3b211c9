/**
 * What the server sends from files: every file the page loads (content-hashed
 * URLs, brotli and gzip bodies), the gallery's document and the MLP's first
 * layer for the neuron view.
 *
 * @module
 */

export * from "./assets.ts";
export * from "./page_assets.ts";
export * from "./content_hash.ts";
export * from "./compression.ts";
export * from "./gallery.ts";
export * from "./weights.ts";
