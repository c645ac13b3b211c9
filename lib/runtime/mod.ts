/**
 * The inference runtime: the served models opened once (in the inference
 * worker by default), each model's one predict entry, dynamic batching of
 * concurrent requests, and admission of large work by the computing ahead of
 * it. It knows nothing of HTTP: routes/ calls it.
 *
 * @module
 */

export * from "./registry.ts";
export * from "./batcher.ts";
export * from "./model_files.ts";
export * from "./worker_session.ts";
export * from "./stats.ts";
