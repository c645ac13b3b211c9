/**
 * The V2 (KServe / Triton) inference protocol: an infer request read and
 * checked, and the binary tensor extension both ways.
 *
 * @module
 */

export * from "./request.ts";
export * from "./binary.ts";
