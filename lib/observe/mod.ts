/**
 * What operators read: the server's metrics in Prometheus's text format
 * (Triton's names for the models, `mnist_` for the rest). The models' own
 * statistics are lib/runtime/stats.ts's.
 *
 * @module
 */

export * from "./metrics.ts";
