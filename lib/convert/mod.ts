/**
 * Build time only: the book's weight pickles → ONNX, and what the build reads
 * back from the ONNX files. Never in the server's module graph
 * (tests/main_test.ts checks it).
 *
 * @module
 */

export * from "./npy_pickle.ts";
export * from "./onnx_builder.ts";
export * from "./mlp.ts";
export * from "./deep_cnn.ts";
export * from "./model_info.ts";
export * from "./weights.ts";
