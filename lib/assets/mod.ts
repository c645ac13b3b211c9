/**
 * What the server sends from files: every file the page loads (content-hashed
 * URLs, brotli and gzip bodies, the build's manifest of them), the gallery's
 * document and the MLP's first layer for the neuron view.
 *
 * The server's front (routes/app.ts and the page's routes) imports the few
 * files it needs directly — assets.ts, encoding.ts, page_assets.ts — so that
 * the compressors and the dataset stay out of its first module graph.
 *
 * @module
 */

export * from "./assets.ts";
export * from "./build_manifest.ts";
export * from "./page_assets.ts";
export * from "./content_hash.ts";
export * from "./encoding.ts";
export * from "./compression.ts";
export * from "./gallery.ts";
export * from "./weights.ts";
export * from "./prerendered.ts";
export * from "./page_template.ts";
