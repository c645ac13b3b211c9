/**
 * The dataset: the IDX file format, the book's `load_mnist`, and the test set
 * a deployment serves (gzipped IDX in model/).
 *
 * @module
 */

export * from "./idx.ts";
export * from "./load_mnist.ts";
export * from "./embedded.ts";
