/**
 * What a client sends → checked pixels: the only place pixels are checked
 * (pixels.ts), the JSON body of /api/predict, PNG/JPEG headers and decoding
 * under limits, compressed bodies inflated under a limit, and the MNIST-style
 * preprocessing the page shares. It imports nothing from the server's side.
 *
 * The page's bundles import the files they need (pixels.ts, preprocess.ts,
 * strokes.ts, variants.ts) directly, so that the decoders stay out of them.
 *
 * @module
 */

export * from "./pixels.ts";
export * from "./predict_body.ts";
export * from "./image.ts";
export * from "./inflate.ts";
export * from "./preprocess.ts";
export * from "./strokes.ts";
export * from "./variants.ts";
