/**
 * Plain-TypeScript forward passes of both networks: the oracle the tests
 * check onnxruntime-web against.
 *
 * @module
 */

export * from "./mlp.ts";
export * from "./deep_cnn.ts";
