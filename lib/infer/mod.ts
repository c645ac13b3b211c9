/**
 * The network running, on the server and in the page alike: a prediction's
 * tensors turned into the answers the API sends, and the session's types.
 *
 * `createSession` is imported from session.ts itself, only where a session is
 * opened (the inference worker, the page's engine, scripts): it loads
 * onnxruntime-web, which the event loop's module graph does without.
 *
 * @module
 */

export * from "./answer.ts";
export type { Prediction, Session, SessionOptions } from "./session.ts";
